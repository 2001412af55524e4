/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray item's look for a moment of the dialer: which connection it speaks of (one the
 * engine paused for the user first, else the one that changed state last, else the last
 * failure the user has not seen), and the Status, icon and tooltip that say so. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-tray-look.h"

#define ICON_DISCONNECTED "dialtone-disconnected-symbolic"
#define ICON_DIALING "dialtone-dialing-symbolic"
#define ICON_CONNECTED "dialtone-connected-symbolic"
#define ICON_ATTENTION "dialtone-attention-symbolic"
#define ICON_ERROR "dialtone-error-symbolic"
#define ICON_LISTENING "dialtone-listening-symbolic"
#define ICON_CALLER "dialtone-caller-symbolic"

char *
dt_tray_format_duration (GTimeSpan duration)
{
  guint minutes = (guint) (MAX (duration, 0) / G_TIME_SPAN_MINUTE);

  if (minutes == 0)
    return g_strdup (_("under a minute"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                            minutes);
  /* TRANSLATORS: a duration in hours and minutes, e.g. "2 h 05 min". */
  return g_strdup_printf (_("%u h %02u min"), minutes / 60, minutes % 60);
}

/* The tooltip may carry markup (the SNI spec's subset of HTML): what comes from outside
 * (an entry's name, the server's words) must not be read as a tag.  Only <, > and & are
 * replaced, so a host that shows plain text still shows the words. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else
        g_string_append_c (out, *p);
    }
}

static char *
entry_name (DtConnection *connection)
{
  DtEntry *entry = dt_connection_get_entry (connection);

  if (entry == NULL || dt_entry_get_name (entry) == NULL)
    return g_strdup (_("Dialtone"));
  return g_strdup (dt_entry_get_name (entry));
}

/* The connection the item speaks of: the engine waiting for the user beats a dial in
 * progress, which is the dialer's active one. */
static DtConnection *
pick_subject (DtDialer *dialer,
              guint    *n_live)
{
  GListModel *live = G_LIST_MODEL (dialer);

  *n_live = g_list_model_get_n_items (live);
  for (guint i = 0; i < *n_live; i++)
    {
      g_autoptr (DtConnection) connection = g_list_model_get_item (live, i);

      if (dt_conn_state_is_paused (dt_connection_get_state (connection)))
        return connection;
    }
  return dt_dialer_get_active (dialer);
}

static void
describe_connected (DtTrayLook   *look,
                    DtConnection *connection,
                    GString      *text,
                    GDateTime    *now)
{
  g_autoptr (GDateTime) since = NULL;
  g_autofree char *duration = NULL;
  guint speed = 0;

  g_object_get (connection, "link-speed", &speed, "connected-since", &since, NULL);
  if (since == NULL)
    return;
  duration = dt_tray_format_duration (g_date_time_difference (now, since));
  g_string_append_c (text, '\n');
  if (speed != 0)
    /* TRANSLATORS: the tooltip while connected, e.g. "For 5 minutes at 33600 bps". */
    g_string_append_printf (text, _("For %s at %u bps"), duration, speed);
  else
    g_string_append_printf (text, _("For %s"), duration);
  look->connected_since = g_steal_pointer (&since);
}

static void
describe_connection (DtTrayLook   *look,
                     DtConnection *connection,
                     GHashTable   *details,
                     GDateTime    *now)
{
  DtConnState state = dt_connection_get_state (connection);
  g_autofree char *message = dt_conn_state_describe (state, g_hash_table_lookup (details,
                                                                                connection));
  g_autoptr (GString) text = g_string_new (NULL);

  append_escaped (text, message);
  if (dt_connection_is_connected (connection))
    {
      look->status = "Active";
      look->icon_name = ICON_CONNECTED;
      describe_connected (look, connection, text, now);
    }
  else if (dt_conn_state_is_paused (state))
    {
      const char *server = dt_connection_get_pause_message (connection);

      look->status = "NeedsAttention";
      look->icon_name = ICON_ATTENTION;
      if (server != NULL && *server != '\0')
        {
          g_string_append_c (text, '\n');
          append_escaped (text, server);
        }
    }
  else
    {
      look->status = "Active";
      look->icon_name = ICON_DIALING;
    }
  look->title = entry_name (connection);
  look->text = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_failure (DtTrayLook   *look,
                  DtConnection *failed)
{
  g_autofree char *error = dt_ras_error_format (dt_connection_get_error_code (failed));
  g_autoptr (GString) text = g_string_new (NULL);

  append_escaped (text, error);
  look->status = "NeedsAttention";
  look->icon_name = ICON_ERROR;
  look->title = entry_name (failed);
  look->text = g_string_free (g_steal_pointer (&text), FALSE);
}

DtTrayLook *
dt_tray_look_new (DtDialer     *dialer,
                  DtConnection *failed,
                  GHashTable   *details,
                  GDateTime    *now)
{
  g_autoptr (DtTrayLook) look = g_new0 (DtTrayLook, 1);
  DtConnection *subject;
  guint n_live;

  g_return_val_if_fail (DT_IS_DIALER (dialer), NULL);

  subject = pick_subject (dialer, &n_live);
  if (subject != NULL)
    describe_connection (look, subject, details, now);
  else if (failed != NULL)
    describe_failure (look, failed);
  else
    {
      look->status = "Passive";
      look->icon_name = ICON_DISCONNECTED;
      look->title = g_strdup (_("Dialtone"));
      look->text = g_strdup (_("Not connected"));
    }

  if (n_live > 1)
    {
      g_autofree char *text = look->text;

      look->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\nand %u more connection",
                                                 "%s\nand %u more connections", n_live - 1),
                                    text, n_live - 1);
    }
  return g_steal_pointer (&look);
}

/* "alice is connected\nFor 5 minutes at 33600 bps", or "Waiting for calls on /dev/ttyS0". */
static char *
describe_incoming (DtTrayLook       *look,
                   DtIncomingServer *server,
                   DtAnswer         *caller,
                   GDateTime        *now)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *line = NULL;
  g_autoptr (GListModel) answers = g_object_ref (dt_incoming_server_get_answers (server));
  g_autoptr (DtAnswer) first = g_list_model_get_item (answers, 0);

  if (caller != NULL)
    {
      g_autoptr (DtConnStatus) status = dt_answer_get_status (caller);
      g_autofree char *duration = NULL;

      /* Translators: the tray's tooltip: the user name of a caller who dialed in. */
      line = g_strdup_printf (_("%s is connected"), dt_answer_get_user (caller));
      append_escaped (text, line);
      if (status->connected_since != NULL)
        {
          duration = dt_tray_format_duration (g_date_time_difference (now,
                                                                      status->connected_since));
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("For %s at %u bps"), duration, status->link_speed);
          if (look->connected_since == NULL)
            look->connected_since = g_date_time_ref (status->connected_since);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  /* Translators: the tray's tooltip while Incoming Connections listens on a modem. */
  line = g_strdup_printf (_("Waiting for calls on %s"),
                          first != NULL ? dt_answer_get_device (first) : "");
  append_escaped (text, line);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
dt_tray_look_add_incoming (DtTrayLook       *look,
                           DtIncomingServer *server,
                           GDateTime        *now)
{
  DtAnswer *caller;
  g_autofree char *text = NULL;

  g_return_if_fail (look != NULL);

  if (server == NULL || dt_incoming_server_get_listening (server) == 0)
    return;
  caller = dt_incoming_server_get_caller (server);
  text = describe_incoming (look, server, caller, now);
  if (g_str_equal (look->status, "Passive"))
    {
      look->status = "Active";
      look->icon_name = caller != NULL ? ICON_CALLER : ICON_LISTENING;
      g_free (look->title);
      look->title = g_strdup (_("Incoming Connections"));
      g_free (look->text);
      look->text = g_steal_pointer (&text);
      return;
    }
  {
    g_autofree char *old = look->text;

    look->text = g_strconcat (old, "\n", text, NULL);
  }
}

void
dt_tray_look_free (DtTrayLook *look)
{
  if (look == NULL)
    return;
  g_free (look->title);
  g_free (look->text);
  g_clear_pointer (&look->connected_since, g_date_time_unref);
  g_free (look);
}
