/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPhonebook keeps the entries sorted by name for the list, the tray menu and the CLI, and
 * keeps the GKeyFile it loaded: saving writes the known keys into it in place, so keys and
 * groups from a newer version or from a hand edit survive.  Writes are atomic
 * (g_file_set_contents_full with CONSISTENT: a temp file, fsync, rename), so a crash leaves
 * either the old file or the new one.  The GFileMonitor's events for our own writes are told
 * apart from external edits by the SHA-256 of what we last read or wrote. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt-entry-keyfile.h"
#include "dt-phonebook.h"
#include "dt-phonebook-file.h"
#include "dt-phonebook-private.h"

#define SAVE_DELAY_MS 500
#define RELOAD_DELAY_MS 100
#define GROUP_PREFIX "Entry "
#define FORMAT_VERSION 1

struct _DtPhonebook
{
  GObject parent_instance;

  char *path;
  GKeyFile *key_file;         /* as loaded, unknown keys and groups included */
  GPtrArray *entries;         /* DtEntry, sorted by name */
  GHashTable *by_uuid;        /* uuid → DtEntry, the same entries (both borrowed from them) */
  GHashTable *removed;        /* uuid → GKeyFile with the group as it was, for undo */
  GFileMonitor *monitor;
  char *checksum;             /* of the file as last read or written by us */

  guint save_source;
  guint reload_source;

  guint applying : 1;         /* changes come from the file: they need no saving */
  guint sort_deferred : 1;    /* loading: renames are sorted once, at the end */
  guint unreadable : 1;       /* the file exists but could not be read: never overwrite */
};

static void dt_phonebook_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtPhonebook, dt_phonebook, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dt_phonebook_list_model_init))

G_DEFINE_QUARK (dt-phonebook-error-quark, dt_phonebook_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  FILE_MOVED_ASIDE,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_entry_notify (DtPhonebook *self,
                             GParamSpec  *pspec,
                             DtEntry     *entry);

static GType
dt_phonebook_get_item_type (GListModel *model)
{
  return DT_TYPE_ENTRY;
}

static guint
dt_phonebook_get_n_items (GListModel *model)
{
  return DT_PHONEBOOK (model)->entries->len;
}

static gpointer
dt_phonebook_get_item (GListModel *model,
                       guint       position)
{
  DtPhonebook *self = DT_PHONEBOOK (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
dt_phonebook_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dt_phonebook_get_item_type;
  iface->get_n_items = dt_phonebook_get_n_items;
  iface->get_item = dt_phonebook_get_item;
}

static void
items_changed (DtPhonebook *self,
               guint        position,
               guint        removed,
               guint        added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static int
compare_entries (DtEntry *a,
                 DtEntry *b)
{
  int cmp = g_utf8_collate (dt_entry_get_name (a), dt_entry_get_name (b));

  /* Equal names (a hand edit can make them) still sort the same way every time. */
  if (cmp == 0)
    cmp = strcmp (dt_entry_get_uuid (a), dt_entry_get_uuid (b));
  return cmp;
}

/* Where @entry belongs in the sorted array, @entry itself not being in it. */
static guint
sorted_position (DtPhonebook *self,
                 DtEntry     *entry)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (g_ptr_array_index (self->entries, mid), entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static char *
group_for_uuid (const char *uuid)
{
  return g_strconcat (GROUP_PREFIX, uuid, NULL);
}

static void
schedule_save (DtPhonebook *self);

/* Not g_signal_connect_object(): that watches the closure on @self, and dropping one of
 * many thousand such closures walks them all.  The phonebook disconnects its handler
 * whenever an entry leaves it, and in dispose. */
static void
watch_entry (DtPhonebook *self,
             DtEntry     *entry)
{
  g_hash_table_insert (self->by_uuid, (gpointer) dt_entry_get_uuid (entry), entry);
  g_signal_connect_swapped (entry, "notify", G_CALLBACK (on_entry_notify), self);
}

static void
unwatch_entry (DtPhonebook *self,
               DtEntry     *entry)
{
  g_signal_handlers_disconnect_by_data (entry, self);
  g_hash_table_remove (self->by_uuid, dt_entry_get_uuid (entry));
}

static void
insert_entry (DtPhonebook *self,
              DtEntry     *entry)
{
  guint position = sorted_position (self, entry);

  g_ptr_array_insert (self->entries, position, g_object_ref (entry));
  watch_entry (self, entry);
  items_changed (self, position, 0, 1);
}

static void
remove_entry_at (DtPhonebook *self,
                 guint        position)
{
  g_autoptr (DtEntry) entry = g_ptr_array_steal_index (self->entries, position);

  unwatch_entry (self, entry);
  items_changed (self, position, 1, 0);
}

static void
resort_entry (DtPhonebook *self,
              DtEntry     *entry)
{
  guint old_position, new_position;

  if (!g_ptr_array_find (self->entries, entry, &old_position))
    return;

  g_ptr_array_steal_index (self->entries, old_position);
  new_position = sorted_position (self, entry);
  g_ptr_array_insert (self->entries, new_position, entry);
  if (new_position != old_position)
    {
      items_changed (self, old_position, 1, 0);
      items_changed (self, new_position, 0, 1);
    }
}

static void
on_entry_notify (DtPhonebook *self,
                 GParamSpec  *pspec,
                 DtEntry     *entry)
{
  if (g_strcmp0 (pspec->name, "name") == 0 && !self->sort_deferred)
    resort_entry (self, entry);
  if (!self->applying)
    schedule_save (self);
}

typedef struct {
  char    *key;                 /* g_utf8_collate_key() of the name */
  DtEntry *entry;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *x = a, *y = b;
  int cmp = strcmp (x->key, y->key);

  if (cmp == 0)
    cmp = strcmp (dt_entry_get_uuid (x->entry), dt_entry_get_uuid (y->entry));
  return cmp;
}

/* Sorts @entries as compare_entries() does, collating each name once rather than at every
 * comparison (g_utf8_collate() normalizes and converts both strings each time). */
static void
sort_entries (GPtrArray *entries)
{
  g_autofree SortItem *items = g_new (SortItem, MAX (entries->len, 1));

  for (guint i = 0; i < entries->len; i++)
    {
      items[i].entry = g_ptr_array_index (entries, i);
      items[i].key = g_utf8_collate_key (dt_entry_get_name (items[i].entry), -1);
    }
  qsort (items, entries->len, sizeof *items, compare_sort_items);
  for (guint i = 0; i < entries->len; i++)
    {
      entries->pdata[i] = items[i].entry;
      g_free (items[i].key);
    }
}

/* Replaces the entries with @entries (sorted) and tells the list what changed as one
 * range: the rows before and after it stay, so a list keeps its rows and selection. */
static void
replace_entries (DtPhonebook *self,
                 GPtrArray   *entries)
{
  g_autoptr (GPtrArray) old = self->entries;
  guint head = 0, tail = 0;

  while (head < old->len && head < entries->len &&
         old->pdata[head] == entries->pdata[head])
    head++;
  while (tail < old->len - head && tail < entries->len - head &&
         old->pdata[old->len - 1 - tail] == entries->pdata[entries->len - 1 - tail])
    tail++;

  self->entries = g_ptr_array_ref (entries);
  if (head + tail < MAX (old->len, entries->len))
    items_changed (self, head, old->len - head - tail, entries->len - head - tail);
}

/* Makes the entries match @key_file's [Entry …] groups: updates those that stay (the same
 * objects, so the list keeps its rows and selection), adds the new ones and drops the rest.
 * Linear but for one sort, with a single items-changed: a file of many thousand entries
 * loads in a moment. */
static void
apply_key_file (DtPhonebook *self,
                GKeyFile    *key_file)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) groups = g_key_file_get_groups (key_file, NULL);

  self->applying = TRUE;
  self->sort_deferred = TRUE;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *uuid;
      DtEntry *entry;

      if (!g_str_has_prefix (groups[i], GROUP_PREFIX))
        continue;
      uuid = groups[i] + strlen (GROUP_PREFIX);
      if (uuid[0] == '\0' || !g_hash_table_add (seen, (gpointer) uuid))
        continue;

      entry = g_hash_table_lookup (self->by_uuid, uuid);
      if (entry != NULL)
        {
          dt_entry_load_from_key_file (entry, key_file, groups[i]);
          g_ptr_array_add (entries, g_object_ref (entry));
        }
      else
        {
          entry = dt_entry_new_with_uuid (uuid);
          dt_entry_load_from_key_file (entry, key_file, groups[i]);
          g_ptr_array_add (entries, entry);
          watch_entry (self, entry);
        }
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      DtEntry *entry = g_ptr_array_index (self->entries, i);

      if (!g_hash_table_contains (seen, dt_entry_get_uuid (entry)))
        unwatch_entry (self, entry);
    }

  sort_entries (entries);
  self->sort_deferred = FALSE;
  replace_entries (self, entries);

  g_key_file_unref (self->key_file);
  self->key_file = g_key_file_ref (key_file);

  self->applying = FALSE;
}

static void
ensure_header (GKeyFile *key_file)
{
  g_autoptr (GError) error = NULL;
  int version = g_key_file_get_integer (key_file, "Phonebook", "Version", &error);

  /* A newer version's file keeps its number: we only add keys it already has. */
  if (error != NULL || version < FORMAT_VERSION)
    g_key_file_set_integer (key_file, "Phonebook", "Version", FORMAT_VERSION);
}

static GKeyFile *
new_key_file (void)
{
  GKeyFile *key_file = g_key_file_new ();

  ensure_header (key_file);
  return key_file;
}

static void
handle_bad_file (DtPhonebook *self,
                 guint        line,
                 GError      *error)
{
  g_autoptr (GError) move_error = NULL;
  g_autofree char *moved_to = NULL;

  moved_to = dt_phonebook_file_move_aside (self->path, &move_error);
  if (moved_to == NULL)
    {
      /* Left in place: it must not be overwritten either. */
      g_debug ("phonebook: %s", move_error->message);
      self->unreadable = TRUE;
    }
  else
    {
      g_clear_pointer (&self->checksum, g_free);
      self->unreadable = FALSE;
      /* The entries in memory (a reload) go back to disk under the usual name. */
      if (self->entries->len > 0)
        schedule_save (self);
    }

  g_signal_emit (self, signals[FILE_MOVED_ASIDE], 0, moved_to, line, error->message);
}

/* Reads and applies the file.  @initial: a missing file gives an empty phonebook (a reload
 * ignores a vanished file and keeps the entries, which the next save writes back). */
static gboolean
read_file (DtPhonebook  *self,
           gboolean      initial,
           GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GKeyFile) key_file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *checksum = NULL;
  guint line = 0;

  bytes = dt_phonebook_file_read (self->path, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      self->unreadable = FALSE;
      g_clear_pointer (&self->checksum, g_free);
      if (initial)
        {
          g_autoptr (GKeyFile) empty = new_key_file ();

          apply_key_file (self, empty);
        }
      return TRUE;
    }
  if (g_error_matches (local_error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_TOO_LARGE))
    {
      handle_bad_file (self, 0, local_error);
      return TRUE;
    }
  if (bytes == NULL)
    {
      self->unreadable = TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!initial && g_strcmp0 (checksum, self->checksum) == 0)
    return TRUE;

  key_file = dt_phonebook_file_parse (bytes, &line, &local_error);
  if (key_file == NULL)
    {
      handle_bad_file (self, line, local_error);
      return TRUE;
    }

  self->unreadable = FALSE;
  g_free (self->checksum);
  self->checksum = g_steal_pointer (&checksum);
  apply_key_file (self, key_file);
  return TRUE;
}

static gboolean
on_reload_timeout (gpointer user_data)
{
  DtPhonebook *self = user_data;
  g_autoptr (GError) error = NULL;

  self->reload_source = 0;
  if (!read_file (self, FALSE, &error))
    g_debug ("phonebook: not reloaded: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (DtPhonebook       *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  switch (event)
    {
    /* Not CHANGED: a file half-written in place must not be read (and moved aside). */
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* Several events come per write; read the file once they settle. */
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout, self);
      break;

    default:
      break;
    }
}

static void
start_monitor (DtPhonebook *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (self->path);
  g_autoptr (GError) error = NULL;

  if (self->monitor != NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("phonebook: external edits will not be seen: %s", error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self,
                           G_CONNECT_SWAPPED);
}

static gboolean
is_pending (DtEntry  *entry,
            DtEntry **pending,
            guint     n_pending)
{
  for (guint i = 0; i < n_pending; i++)
    if (g_str_equal (dt_entry_get_uuid (entry), dt_entry_get_uuid (pending[i])))
      return TRUE;
  return FALSE;
}

/* Puts the key file back as the entries in memory say, after a failed write of @pending. */
static void
undo_pending (DtPhonebook  *self,
              DtEntry     **pending,
              guint         n_pending)
{
  for (guint i = 0; i < n_pending; i++)
    {
      DtEntry *current = dt_phonebook_lookup (self, dt_entry_get_uuid (pending[i]));
      g_autofree char *group = group_for_uuid (dt_entry_get_uuid (pending[i]));

      if (current != NULL)
        dt_entry_save_to_key_file (current, self->key_file, group);
      else
        g_key_file_remove_group (self->key_file, group, NULL);
    }
}

/* Writes the file with the @n_pending entries of @pending in place of the entries with
 * their UUIDs (or as new entries).  On failure the key file goes back to what the entries
 * in memory say. */
gboolean
_dt_phonebook_write_pending (DtPhonebook  *self,
                             DtEntry     **pending,
                             guint         n_pending,
                             GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length;

  /* This write saves whatever was waiting to be saved. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->unreadable)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_UNREADABLE,
                   _("%s could not be read, so it is not overwritten"), display);
      return FALSE;
    }

  ensure_header (self->key_file);
  for (guint i = 0; i < self->entries->len; i++)
    {
      DtEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *group = group_for_uuid (dt_entry_get_uuid (entry));

      if (!is_pending (entry, pending, n_pending))
        dt_entry_save_to_key_file (entry, self->key_file, group);
    }
  for (guint i = 0; i < n_pending; i++)
    {
      g_autofree char *group = group_for_uuid (dt_entry_get_uuid (pending[i]));

      dt_entry_save_to_key_file (pending[i], self->key_file, group);
    }

  data = g_key_file_to_data (self->key_file, &length, NULL);
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (self->path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      if (local_error == NULL)
        {
          int errsv = errno;
          g_autofree char *display = g_filename_display_name (dir);

          local_error = g_error_new (G_FILE_ERROR, g_file_error_from_errno (errsv),
                                     _("Could not create %s: %s"), display, g_strerror (errsv));
        }
      dt_phonebook_file_explain_write_error (local_error, dir);
      g_propagate_error (error, g_steal_pointer (&local_error));
      undo_pending (self, pending, n_pending);
      return FALSE;
    }

  g_free (self->checksum);
  self->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return TRUE;
}

static gboolean
on_save_timeout (gpointer user_data)
{
  DtPhonebook *self = user_data;
  g_autoptr (GError) error = NULL;

  self->save_source = 0;
  if (!_dt_phonebook_write_pending (self, NULL, 0, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (DtPhonebook *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

static void
dt_phonebook_dispose (GObject *object)
{
  DtPhonebook *self = DT_PHONEBOOK (object);
  g_autoptr (GError) error = NULL;

  if (!dt_phonebook_flush (self, &error))
    g_message ("phonebook: the last changes were not saved: %s", error->message);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  for (guint i = 0; i < self->entries->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->entries, i), self);
  g_hash_table_remove_all (self->by_uuid);
  g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (dt_phonebook_parent_class)->dispose (object);
}

static void
dt_phonebook_finalize (GObject *object)
{
  DtPhonebook *self = DT_PHONEBOOK (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->key_file, g_key_file_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->removed, g_hash_table_unref);

  G_OBJECT_CLASS (dt_phonebook_parent_class)->finalize (object);
}

static void
dt_phonebook_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DtPhonebook *self = DT_PHONEBOOK (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_phonebook_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DtPhonebook *self = DT_PHONEBOOK (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = dt_phonebook_get_default_path ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_phonebook_class_init (DtPhonebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_phonebook_dispose;
  object_class->finalize = dt_phonebook_finalize;
  object_class->get_property = dt_phonebook_get_property;
  object_class->set_property = dt_phonebook_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FILE_MOVED_ASIDE] =
    g_signal_new ("file-moved-aside", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
dt_phonebook_init (DtPhonebook *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_key_file_unref);
  self->key_file = new_key_file ();
}

char *
dt_phonebook_get_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "dialtone", "phonebook.ini", NULL);
}

/**
 * dt_phonebook_new:
 * @path: (nullable): the file, or NULL for $XDG_CONFIG_HOME/dialtone/phonebook.ini
 *
 * Returns: (transfer full): an empty phonebook; call dt_phonebook_load() to read the file
 */
DtPhonebook *
dt_phonebook_new (const char *path)
{
  return g_object_new (DT_TYPE_PHONEBOOK, "path", path, NULL);
}

const char *
dt_phonebook_get_path (DtPhonebook *self)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), NULL);

  return self->path;
}

/**
 * dt_phonebook_load:
 * @self: a phonebook
 * @error: set when the file exists but cannot be read (it is then never overwritten)
 *
 * Reads the file and starts watching it for edits made elsewhere.  A missing file is an
 * empty phonebook.  A file that does not parse is moved aside and reported through
 * #DtPhonebook::file-moved-aside (connect before loading); the phonebook is then usable.
 *
 * Returns: whether the phonebook is usable
 */
gboolean
dt_phonebook_load (DtPhonebook  *self,
                   GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = read_file (self, TRUE, error);
  start_monitor (self);
  return ok;
}

/**
 * dt_phonebook_save:
 *
 * Writes the file now.  On failure the entries in memory are unchanged and are saved again
 * with the next change.
 */
gboolean
dt_phonebook_save (DtPhonebook  *self,
                   GError      **error)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  return _dt_phonebook_write_pending (self, NULL, 0, error);
}

/* Saves now if a save is waiting (at exit, or before another process reads the file). */
gboolean
dt_phonebook_flush (DtPhonebook  *self,
                    GError      **error)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);

  if (self->save_source == 0)
    return TRUE;
  return dt_phonebook_save (self, error);
}

/**
 * dt_phonebook_commit:
 * @self: a phonebook
 * @edited: an edited copy of an entry (dt_entry_copy()), or a new entry
 * @error: DT_PHONEBOOK_ERROR_INVALID_ENTRY, or the write's error
 *
 * Saves @edited in place of the entry with its UUID, or as a new entry, and only once the
 * file is written changes the phonebook.  So when saving fails (a read-only folder), the
 * entry in the list is unchanged and the editor keeps the edit to try again.
 *
 * Returns: whether @edited was saved and applied
 */
gboolean
dt_phonebook_commit (DtPhonebook  *self,
                     DtEntry      *edited,
                     GError      **error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);
  g_return_val_if_fail (DT_IS_ENTRY (edited), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (dt_entry_find_invalid_property (edited, &reason) != NULL ||
      !dt_phonebook_validate_name (self, dt_entry_get_name (edited),
                                   dt_entry_get_uuid (edited), &reason))
    {
      g_set_error_literal (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_INVALID_ENTRY, reason);
      return FALSE;
    }

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!_dt_phonebook_write_pending (self, &edited, 1, error))
    return FALSE;

  _dt_phonebook_apply_committed (self, edited);
  return TRUE;
}

/* After a write of @edited: the entry with its UUID takes its settings, or a copy of it
 * joins the phonebook.  Neither schedules another save. */
void
_dt_phonebook_apply_committed (DtPhonebook *self,
                               DtEntry     *edited)
{
  DtEntry *current = dt_phonebook_lookup (self, dt_entry_get_uuid (edited));

  self->applying = TRUE;
  if (current != NULL)
    dt_entry_copy_settings (current, edited);
  else
    {
      g_autoptr (DtEntry) added = dt_entry_copy (edited);

      insert_entry (self, added);
    }
  self->applying = FALSE;
}

/**
 * dt_phonebook_add:
 *
 * Adds @entry (whose UUID must not be in the phonebook yet) and saves shortly.  Adding back
 * an entry that dt_phonebook_remove() removed (Undo) brings back its group as it was,
 * keys unknown to this version included.
 */
void
dt_phonebook_add (DtPhonebook *self,
                  DtEntry     *entry)
{
  g_autofree char *group = NULL;
  GKeyFile *removed;

  g_return_if_fail (DT_IS_PHONEBOOK (self));
  g_return_if_fail (DT_IS_ENTRY (entry));
  g_return_if_fail (dt_phonebook_lookup (self, dt_entry_get_uuid (entry)) == NULL);

  group = group_for_uuid (dt_entry_get_uuid (entry));
  removed = g_hash_table_lookup (self->removed, dt_entry_get_uuid (entry));
  if (removed != NULL)
    {
      dt_phonebook_file_copy_group (removed, self->key_file, group);
      g_hash_table_remove (self->removed, dt_entry_get_uuid (entry));
    }

  insert_entry (self, entry);
  schedule_save (self);
}

void
dt_phonebook_remove (DtPhonebook *self,
                     DtEntry     *entry)
{
  g_autoptr (GKeyFile) kept = g_key_file_new ();
  g_autofree char *group = NULL;
  guint position;

  g_return_if_fail (DT_IS_PHONEBOOK (self));
  g_return_if_fail (DT_IS_ENTRY (entry));

  if (!g_ptr_array_find (self->entries, entry, &position))
    return;

  group = group_for_uuid (dt_entry_get_uuid (entry));
  dt_phonebook_file_copy_group (self->key_file, kept, group);
  g_hash_table_replace (self->removed, g_strdup (dt_entry_get_uuid (entry)),
                        g_steal_pointer (&kept));
  g_key_file_remove_group (self->key_file, group, NULL);

  remove_entry_at (self, position);
  schedule_save (self);
}

/**
 * dt_phonebook_lookup:
 *
 * Returns: (transfer none) (nullable): the entry with @uuid
 */
DtEntry *
dt_phonebook_lookup (DtPhonebook *self,
                     const char  *uuid)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_hash_table_lookup (self->by_uuid, uuid);
}

gboolean
dt_phonebook_find (DtPhonebook *self,
                   DtEntry     *entry,
                   guint       *position)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);

  return g_ptr_array_find (self->entries, entry, position);
}
