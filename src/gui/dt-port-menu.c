/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each item is a port's label (its path, what it is, what ModemManager knows, and why this
 * user cannot open it) with @action and, as its target, the name an entry should keep: the
 * /dev/serial/by-id name when there is one.  A port whose details change is replaced in
 * place, so that an open popover follows ModemManager's answer or a permission change
 * without closing; a port plugged in or pulled out rebuilds the section.  With no port, one
 * greyed-out item says so. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-port-menu.h"

#define ACTION_KEY "dt-port-menu-action"

static GMenuItem *
port_item (DtPortList *ports,
           guint       position,
           const char *action)
{
  g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), position);
  g_autofree char *label = dt_port_info_get_label (port);
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           g_variant_new_string (
                                             dt_port_info_get_preferred_path (port)));
  return item;
}

static void
rebuild (GMenu      *menu,
         DtPortList *ports)
{
  const char *action = g_object_get_data (G_OBJECT (menu), ACTION_KEY);
  guint n_ports = g_list_model_get_n_items (G_LIST_MODEL (ports));

  g_menu_remove_all (menu);
  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr (GMenuItem) item = port_item (ports, i, action);

      g_menu_append_item (menu, item);
    }
  if (n_ports == 0)
    /* An item without an action shows greyed out. */
    g_menu_append (menu, _("No serial ports found"), "dt-port-menu.none");
}

static void
on_ports_changed (DtPortList *ports,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GMenu      *menu)
{
  const char *action = g_object_get_data (G_OBJECT (menu), ACTION_KEY);

  if (removed != added)
    {
      rebuild (menu, ports);
      return;
    }
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GMenuItem) item = port_item (ports, i, action);

      g_menu_remove (menu, (int) i);
      g_menu_insert_item (menu, (int) i, item);
    }
}

/**
 * dt_port_menu_new:
 * @action: the detailed action name of the items, which take a string: the port to keep
 *
 * Returns: (transfer full): a menu of @ports, updated as long as both exist
 */
GMenu *
dt_port_menu_new (DtPortList *ports,
                  const char *action)
{
  GMenu *menu = g_menu_new ();

  g_return_val_if_fail (DT_IS_PORT_LIST (ports), menu);

  g_object_set_data_full (G_OBJECT (menu), ACTION_KEY, g_strdup (action), g_free);
  rebuild (menu, ports);
  g_signal_connect_object (ports, "items-changed", G_CALLBACK (on_ports_changed), menu, 0);
  return menu;
}
