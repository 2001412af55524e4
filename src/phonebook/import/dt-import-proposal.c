/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportProposal (see dt-import-proposal.h).  Every setting a reader makes goes through
 * dt_import_proposal_set(), which checks it with the entry's own validation and, when the
 * value does not fit (an init string Dialtone cannot send, a speed no serial port has),
 * puts the old value back and says why: so a proposal is always an entry that saves, but
 * for what the preview still has to ask (the device, a missing number). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <string.h>

#include "dt-import-proposal.h"
#include "dt-wipe.h"

struct _DtImportProposal
{
  GObject parent_instance;

  DtEntry *entry;
  char *source;
  guint line;
  DtImportKind kind;
  char *skip_reason;
  gboolean selected;
  char *import_name;
  char *device_hint;
  char *password;
  GPtrArray *mapped;         /* DtImportNote */
  GPtrArray *unmapped;       /* DtImportNote */
};

G_DEFINE_FINAL_TYPE (DtImportProposal, dt_import_proposal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_SELECTED,
  PROP_IMPORT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_import_proposal_finalize (GObject *object)
{
  DtImportProposal *self = DT_IMPORT_PROPOSAL (object);

  g_clear_pointer (&self->password, dt_wipe_free);
  g_clear_object (&self->entry);
  g_free (self->source);
  g_free (self->skip_reason);
  g_free (self->import_name);
  g_free (self->device_hint);
  g_ptr_array_unref (self->mapped);
  g_ptr_array_unref (self->unmapped);

  G_OBJECT_CLASS (dt_import_proposal_parent_class)->finalize (object);
}

static void
dt_import_proposal_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DtImportProposal *self = DT_IMPORT_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_IMPORT_NAME:
      g_value_set_string (value, self->import_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_import_proposal_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtImportProposal *self = DT_IMPORT_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      dt_import_proposal_set_selected (self, g_value_get_boolean (value));
      break;
    case PROP_IMPORT_NAME:
      dt_import_proposal_set_import_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_import_proposal_class_init (DtImportProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_import_proposal_finalize;
  object_class->get_property = dt_import_proposal_get_property;
  object_class->set_property = dt_import_proposal_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORT_NAME] =
    g_param_spec_string ("import-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_import_proposal_init (DtImportProposal *self)
{
  self->entry = dt_entry_new ();
  self->selected = TRUE;
  self->mapped = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_import_note_free);
  self->unmapped = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_import_note_free);
}

/**
 * dt_import_proposal_new:
 * @source: the section it comes from, as the file names it ("Dialer office")
 * @line: the line of that section's header
 *
 * Returns: (transfer full): a proposal of a new entry with Dialtone's defaults
 */
DtImportProposal *
dt_import_proposal_new (const char *source,
                        guint       line)
{
  DtImportProposal *self = g_object_new (DT_TYPE_IMPORT_PROPOSAL, NULL);

  self->source = g_strdup (source);
  self->line = line;
  return self;
}

DtEntry *
dt_import_proposal_get_entry (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->entry;
}

const char *
dt_import_proposal_get_source (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->source;
}

guint
dt_import_proposal_get_line (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), 0);
  return self->line;
}

DtImportKind
dt_import_proposal_get_kind (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), DT_IMPORT_KIND_SKIPPED);
  return self->kind;
}

/* A modifier starts unchecked: it is the defaults again, with one change. */
void
dt_import_proposal_set_kind (DtImportProposal *self,
                             DtImportKind      kind)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  self->kind = kind;
  dt_import_proposal_set_selected (self, kind == DT_IMPORT_KIND_ENTRY);
}

const char *
dt_import_proposal_get_skip_reason (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->skip_reason;
}

/* Marks the proposal as one that cannot be imported, and drops any password it found. */
void
dt_import_proposal_skip (DtImportProposal *self,
                         const char       *reason)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_free (self->skip_reason);
  self->skip_reason = g_strdup (reason);
  g_clear_pointer (&self->password, dt_wipe_free);
  dt_import_proposal_set_kind (self, DT_IMPORT_KIND_SKIPPED);
}

gboolean
dt_import_proposal_get_selected (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), FALSE);
  return self->selected;
}

void
dt_import_proposal_set_selected (DtImportProposal *self,
                                 gboolean          selected)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  selected = selected && self->kind != DT_IMPORT_KIND_SKIPPED;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The name the entry gets: its own name until dt_import_result_assign_names() says. */
const char *
dt_import_proposal_get_import_name (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->import_name != NULL ? self->import_name : dt_entry_get_name (self->entry);
}

void
dt_import_proposal_set_import_name (DtImportProposal *self,
                                    const char       *name)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  if (g_strcmp0 (self->import_name, name) == 0)
    return;
  g_free (self->import_name);
  self->import_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_NAME]);
}

/* What the old file called the device, when that is no Linux path ("COM3: Standard 56000
 * bps Modem"): shown next to the device chooser. */
const char *
dt_import_proposal_get_device_hint (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->device_hint;
}

void
dt_import_proposal_set_device_hint (DtImportProposal *self,
                                    const char       *hint)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_free (self->device_hint);
  self->device_hint = g_strdup (hint);
}

gboolean
dt_import_proposal_needs_device (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), FALSE);
  return self->kind != DT_IMPORT_KIND_SKIPPED && dt_entry_get_device (self->entry)[0] == '\0';
}

/**
 * dt_import_proposal_check:
 *
 * Returns: (transfer full) (nullable): why the entry cannot be saved as it is (a missing
 *   number), or NULL when it can.  The name is checked against the phonebook apart.
 */
char *
dt_import_proposal_check (DtImportProposal *self)
{
  g_autoptr (DtEntry) named = NULL;
  char *reason = NULL;

  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);

  if (self->kind == DT_IMPORT_KIND_SKIPPED)
    return g_strdup (self->skip_reason);
  named = dt_entry_copy (self->entry);
  dt_entry_set_name (named, dt_import_proposal_get_import_name (self));
  dt_entry_find_invalid_property (named, &reason);
  return reason;
}

GPtrArray *
dt_import_proposal_get_mapped (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->mapped;
}

GPtrArray *
dt_import_proposal_get_unmapped (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->unmapped;
}

/* How many unmapped keys had an effect that is not carried over. */
guint
dt_import_proposal_count_lost (DtImportProposal *self)
{
  guint n = 0;

  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), 0);

  for (guint i = 0; i < self->unmapped->len; i++)
    n += ((DtImportNote *) g_ptr_array_index (self->unmapped, i))->lost;
  return n;
}

const char *
dt_import_proposal_get_password (DtImportProposal *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), NULL);
  return self->password;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const DtImportNote *x = *(DtImportNote **) a, *y = *(DtImportNote **) b;

  return (x->line > y->line) - (x->line < y->line);
}

/* The notes in the order of their lines (a stable sort: keys of one line keep their
 * order). */
void
dt_import_proposal_sort_notes (DtImportProposal *self)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_ptr_array_sort (self->mapped, compare_notes);
  g_ptr_array_sort (self->unmapped, compare_notes);
}

/* The note says where the password was, never what it is. */
void
dt_import_proposal_take_password (DtImportProposal  *self,
                                  const DtImportKey *key,
                                  const char        *password)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_clear_pointer (&self->password, dt_wipe_free);
  self->password = g_strdup (password);
  g_ptr_array_add (self->mapped,
                   dt_import_note_new (key->line, key->key, NULL, _("the password, for the "
                                                                    "keyring")));
}

void
dt_import_proposal_mapped (DtImportProposal  *self,
                           const DtImportKey *key,
                           const char        *what)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_ptr_array_add (self->mapped, dt_import_note_new (key->line, key->key, key->value, what));
}

/* A key Dialtone does not need: nothing is lost by leaving it out. */
void
dt_import_proposal_unmapped (DtImportProposal  *self,
                             const DtImportKey *key,
                             const char        *why)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_ptr_array_add (self->unmapped, dt_import_note_new (key->line, key->key, key->value, why));
}

/* A key whose effect the imported entry does not have. */
void
dt_import_proposal_lost (DtImportProposal  *self,
                         const DtImportKey *key,
                         const char        *why)
{
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (self));

  g_ptr_array_add (self->unmapped,
                   dt_import_note_new_lost (key->line, key->key, key->value, why));
}

/* Sets @property from @value and checks it; a value the entry refuses is put back and
 * reported with the validation's reason. */
static gboolean
set_checked (DtImportProposal  *self,
             const DtImportKey *key,
             GParamSpec        *pspec,
             const GValue      *value,
             const char        *what)
{
  g_auto (GValue) old = G_VALUE_INIT;
  g_autofree char *reason = NULL;

  g_value_init (&old, pspec->value_type);
  g_object_get_property (G_OBJECT (self->entry), pspec->name, &old);
  g_object_set_property (G_OBJECT (self->entry), pspec->name, value);
  if (dt_entry_validate_property (self->entry, pspec->name, &reason))
    {
      dt_import_proposal_mapped (self, key, what);
      return TRUE;
    }
  g_object_set_property (G_OBJECT (self->entry), pspec->name, &old);
  {
    /* Translators: %s says why Dialtone cannot use the value, as the editor says it. */
    g_autofree char *why = g_strdup_printf (_("not imported: %s"), reason);

    dt_import_proposal_lost (self, key, why);
  }
  return FALSE;
}

/**
 * dt_import_proposal_set:
 * @self: a proposal
 * @key: the key the value comes from
 * @property: a property of #DtEntry
 * @what: what the key becomes, for the mapped note ("the number")
 * @...: the value, of the property's type
 *
 * Returns: whether the entry took the value
 */
gboolean
dt_import_proposal_set (DtImportProposal  *self,
                        const DtImportKey *key,
                        const char        *property,
                        const char        *what,
                        ...)
{
  g_auto (GValue) value = G_VALUE_INIT;
  g_autofree char *error = NULL;
  GParamSpec *pspec;
  va_list args;

  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (self), FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->entry), property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  va_start (args, what);
  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
  va_end (args);
  g_return_val_if_fail (error == NULL, FALSE);
  return set_checked (self, key, pspec, &value, what);
}

/* "yes", "on", "true", "1" and their opposites, in any case, as wvdial and kppp read them. */
gboolean
dt_import_parse_boolean (const char *text,
                         gboolean   *value)
{
  static const char * const yes[] = { "1", "yes", "on", "true", NULL };
  static const char * const no[] = { "0", "no", "off", "false", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
dt_import_parse_uint (const char *text,
                      guint      *value)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
    return FALSE;
  *value = (guint) n;
  return TRUE;
}

/* A whole number from @key's value into @property; other text is reported. */
gboolean
dt_import_proposal_set_uint_text (DtImportProposal  *self,
                                  const DtImportKey *key,
                                  const char        *property,
                                  const char        *what)
{
  guint n;

  if (!dt_import_parse_uint (key->value, &n))
    {
      dt_import_proposal_lost (self, key, _("not imported: not a whole number"));
      return FALSE;
    }
  return dt_import_proposal_set (self, key, property, what, n);
}

/* A yes/no from @key's value into @property (the opposite when @invert). */
gboolean
dt_import_proposal_set_boolean_text (DtImportProposal  *self,
                                     const DtImportKey *key,
                                     const char        *property,
                                     const char        *what,
                                     gboolean           invert)
{
  gboolean b;

  if (!dt_import_parse_boolean (key->value, &b))
    {
      dt_import_proposal_lost (self, key, _("not imported: neither yes nor no"));
      return FALSE;
    }
  return dt_import_proposal_set (self, key, property, what, invert ? !b : b);
}

/* @key's value as the entry's static address: the entry then takes a static address, or the
 * server's when the value is not one. */
gboolean
dt_import_proposal_set_static_address (DtImportProposal  *self,
                                       const DtImportKey *key)
{
  DtEntry *entry = dt_import_proposal_get_entry (self);

  dt_entry_set_ip_mode (entry, DT_IP_MODE_STATIC);
  if (dt_import_proposal_set (self, key, "static-address", _("the static address"),
                              key->value))
    return TRUE;
  dt_entry_set_ip_mode (entry, DT_IP_MODE_SERVER);
  return FALSE;
}
