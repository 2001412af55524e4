/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tray tests' helpers: a real status-notifier-watcher (Debian's
 * haskell-status-notifier-item-utils) on the test's private session bus, and a "host": a
 * D-Bus connection of its own that reads the item, its menu and the watcher the way a panel
 * does.  The item lives in the test's own main context, so every call here is made
 * asynchronously while that context runs: a blocking call would wait on itself. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DT_TEST_SNI_LIMIT_S 30

typedef gboolean (*DtTestCondition) (gpointer data);

/* Runs the default main context until @condition holds; fails the test after @limit_s. */
void            dt_test_sni_wait_until    (DtTestCondition  condition,
                                           gpointer         data,
                                           guint            limit_s);
/* Runs the default main context for @ms. */
void            dt_test_sni_spin          (guint            ms);

typedef struct _DtTestWatcher DtTestWatcher;

/* Starts status-notifier-watcher and returns once it owns org.kde.StatusNotifierWatcher. */
DtTestWatcher  *dt_test_watcher_start     (void);
/* Stops it and returns once its name is gone from the bus. */
void            dt_test_watcher_stop      (DtTestWatcher   *watcher);

typedef struct _DtTestHost DtTestHost;

DtTestHost     *dt_test_host_new          (void);
void            dt_test_host_free         (DtTestHost      *host);
GDBusConnection *dt_test_host_get_connection (DtTestHost   *host);

GVariant       *dt_test_host_call         (DtTestHost      *host,
                                           const char      *destination,
                                           const char      *path,
                                           const char      *interface,
                                           const char      *method,
                                           GVariant        *parameters,
                                           const char      *reply_type,
                                           GError         **error);
/* A property's value (unboxed); fails the test if it cannot be read. */
GVariant       *dt_test_host_get          (DtTestHost      *host,
                                           const char      *destination,
                                           const char      *path,
                                           const char      *interface,
                                           const char      *property);
char           *dt_test_host_get_string   (DtTestHost      *host,
                                           const char      *item,
                                           const char      *property);
gboolean        dt_test_host_name_has_owner (DtTestHost    *host,
                                           const char      *name);
/* The watcher's RegisteredStatusNotifierItems. */
GStrv           dt_test_host_registered_items (DtTestHost  *host);
/* Waits until @item is (or is no longer) among them. */
void            dt_test_host_wait_registered (DtTestHost   *host,
                                           const char      *item,
                                           gboolean         registered);

/* The item as a panel follows it: each New* signal counted, and after NewStatus,
 * NewIcon and NewToolTip what the host then reads ("Active"; the icon name; "title|text"),
 * and the menu's signals. */
typedef struct {
  guint      n_new_status;
  guint      n_new_icon;
  guint      n_new_tooltip;
  guint      n_new_title;
  GPtrArray *statuses;
  GPtrArray *icons;
  GPtrArray *tooltips;
  guint      n_menu_updates;   /* LayoutUpdated, ItemsPropertiesUpdated */
} DtTestItemLog;

DtTestItemLog  *dt_test_host_follow       (DtTestHost      *host,
                                           const char      *item);
/* Waits until the reads that follow the signals so far have all been answered. */
void            dt_test_host_settle       (DtTestHost      *host);
void            dt_test_host_reset_log    (DtTestHost      *host);
char           *dt_test_item_log_describe (DtTestItemLog   *log);

/* The menu, from GetLayout: the id of the item labelled @label under @parent_id (-1 if
 * none), and an item's property ("label", "enabled"…) as the host sees it, with dbusmenu's
 * defaults applied. */
GVariant       *dt_test_host_get_layout   (DtTestHost      *host,
                                           const char      *item);
int             dt_test_menu_find         (GVariant        *layout,
                                           int              parent_id,
                                           const char      *label);
GStrv           dt_test_menu_labels       (GVariant        *layout,
                                           int              parent_id);
gboolean        dt_test_menu_is_enabled   (GVariant        *layout,
                                           int              id);
void            dt_test_host_click        (DtTestHost      *host,
                                           const char      *item,
                                           int              id);

G_END_DECLS
