/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wvdial.conf reader.  wvdial reads [Dialer Defaults] and the [Dialer NAME] sections
 * named on its command line, each key looked up in the dialer, then along its "Inherits"
 * chain (a section's full name), then in the defaults; keys and section names are matched
 * without case, and a later line wins.  This reader does the same for each dialer, so an
 * entry dials as `wvdial NAME` did.  Defaults that wvdial applies without a key are applied
 * too (Baud 57600, Init1 ATZ, Auto Reconnect on).  A dialer whose Inherits chain loops is
 * skipped, with the line that closes the loop; wvdial itself would stop silently there. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-readers.h"

#define DEFAULTS "dialer defaults"
#define DIALER_PREFIX "dialer "

typedef struct {
  DtImportIni *ini;
  GHashTable *by_name;          /* folded name → GPtrArray of DtImportSection (borrowed) */
  GHashTable *inherited;        /* folded names some Inherits points at */
} Reader;

typedef struct {
  Reader *reader;
  GPtrArray *chain;             /* folded section names, the dialer first */
  GHashTable *used;             /* folded key names this reader handled */
  DtImportProposal *proposal;
} Dialer;

static char *
fold (const char *text)
{
  return g_utf8_casefold (text, -1);
}

/* The last @key of the sections called @name (they may be split in the file). */
static const DtImportKey *
section_lookup (Reader     *r,
                const char *name,
                const char *key)
{
  GPtrArray *sections = g_hash_table_lookup (r->by_name, name);

  for (guint i = sections != NULL ? sections->len : 0; i > 0; i--)
    {
      const DtImportKey *k = dt_import_section_lookup (g_ptr_array_index (sections, i - 1), key,
                                                       TRUE);

      if (k != NULL)
        return k;
    }
  return NULL;
}

/* @key as wvdial finds it for the dialer: along the chain, the defaults last. */
static const DtImportKey *
lookup (Dialer     *d,
        const char *key)
{
  g_hash_table_add (d->used, g_ascii_strdown (key, -1));
  for (guint i = 0; i < d->chain->len; i++)
    {
      const DtImportKey *k = section_lookup (d->reader, g_ptr_array_index (d->chain, i), key);

      if (k != NULL)
        return k;
    }
  return NULL;
}

static DtImportSection *
first_section (Reader     *r,
               const char *folded)
{
  GPtrArray *sections = g_hash_table_lookup (r->by_name, folded);

  return sections != NULL ? g_ptr_array_index (sections, 0) : NULL;
}

static const char *
display_name (Reader     *r,
              const char *folded)
{
  DtImportSection *section = first_section (r, folded);

  return section != NULL ? section->name : folded;
}

/* The section @inherits names: its full name, or "Dialer" and the name as people also
 * write it.  NULL (reported) when there is none. */
static char *
resolve_inherits (Dialer            *d,
                  const DtImportKey *inherits)
{
  g_autofree char *target = fold (inherits->value);
  g_autofree char *prefixed = g_strconcat (DIALER_PREFIX, target, NULL);
  g_autofree char *why = NULL;

  if (g_hash_table_contains (d->reader->by_name, target))
    return g_steal_pointer (&target);
  if (g_hash_table_contains (d->reader->by_name, prefixed))
    return g_steal_pointer (&prefixed);
  why = g_strdup_printf (_("no section [%s] in the file: nothing inherited"), inherits->value);
  dt_import_proposal_lost (d->proposal, inherits, why);
  return NULL;
}

static void
skip_loop (Dialer            *d,
           const DtImportKey *inherits,
           const char        *target)
{
  g_autoptr (GString) path = g_string_new (NULL);
  g_autofree char *why = NULL;

  for (guint j = 0; j < d->chain->len; j++)
    g_string_append_printf (path, "[%s] → ",
                            display_name (d->reader, g_ptr_array_index (d->chain, j)));
  g_string_append_printf (path, "[%s]", display_name (d->reader, target));
  /* Translators: %u is a line number, %s the sections of the loop. */
  why = g_strdup_printf (_("its Inherits go round in a loop at line %u: %s"), inherits->line,
                         path->str);
  dt_import_proposal_skip (d->proposal, why);
}

/* Fills d->chain with the dialer and what it inherits; FALSE (the proposal skipped) when
 * the chain loops. */
static gboolean
build_chain (Dialer     *d,
             const char *start)
{
  char *current = g_strdup (start);

  while (current != NULL)
    {
      const DtImportKey *inherits;
      char *target;

      g_ptr_array_add (d->chain, current);
      inherits = section_lookup (d->reader, current, "Inherits");
      if (inherits == NULL || (target = resolve_inherits (d, inherits)) == NULL)
        break;
      if (g_ptr_array_find_with_equal_func (d->chain, target, g_str_equal, NULL))
        {
          skip_loop (d, inherits, target);
          g_free (target);
          return FALSE;
        }
      g_hash_table_add (d->reader->inherited, g_strdup (target));
      dt_import_proposal_mapped (d->proposal, inherits, _("the settings of that section"));
      current = target;
    }
  if (g_hash_table_contains (d->reader->by_name, DEFAULTS) &&
      !g_ptr_array_find_with_equal_func (d->chain, DEFAULTS, g_str_equal, NULL))
    g_ptr_array_add (d->chain, g_strdup (DEFAULTS));
  return TRUE;
}

/* Settings ----------------------------------------------------------------------------- */

static void
map_device (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  const DtImportKey *modem = lookup (d, "Modem");
  const DtImportKey *baud = lookup (d, "Baud");
  DtEntry *entry = dt_import_proposal_get_entry (p);

  if (modem != NULL)
    dt_import_proposal_set (p, modem, "device", _("the modem's serial port"), modem->value);
  /* wvdial's own default speed, which the line ran at. */
  dt_entry_set_speed (entry, 57600);
  if (baud != NULL)
    dt_import_proposal_set_uint_text (p, baud, "speed", _("the port speed"));
}

/* Each init string is checked as it joins the list, so that one the entry cannot send is
 * reported and the others still come. */
static void
map_init_strings (Dialer *d)
{
  g_autoptr (GPtrArray) accepted = g_ptr_array_new_null_terminated (10, NULL, TRUE);
  const DtImportKey *keys[10] = { NULL };

  keys[1] = lookup (d, "Init");
  if (keys[1] == NULL)
    keys[1] = lookup (d, "Init1");
  else
    lookup (d, "Init1");
  for (guint i = 2; i <= 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("Init%u", i);

      keys[i] = lookup (d, name);
    }
  /* wvdial sends ATZ as Init1 when the file has none. */
  if (keys[1] == NULL)
    g_ptr_array_add (accepted, (char *) "ATZ");
  dt_entry_set_init_strings (dt_import_proposal_get_entry (d->proposal),
                             (const char * const *) accepted->pdata);
  for (guint i = 1; i <= 9; i++)
    {
      g_autofree char *what = NULL;

      if (keys[i] == NULL || keys[i]->value[0] == '\0')
        continue;
      what = g_strdup_printf (_("init string %u"), accepted->len + 1);
      g_ptr_array_add (accepted, keys[i]->value);
      if (!dt_import_proposal_set (d->proposal, keys[i], "init-strings", what, accepted->pdata))
        g_ptr_array_remove_index (accepted, accepted->len - 1);
    }
}

/* Phone, then Phone1 to Phone4 as alternates (wvdial stops at the first one missing), each
 * after the Area Code, as wvdial dials them. */
static void
map_numbers (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  const DtImportKey *area = lookup (d, "Area Code");
  const DtImportKey *prefix = lookup (d, "Dial Prefix");
  const DtImportKey *phone = lookup (d, "Phone");
  const char *code = area != NULL ? area->value : "";
  g_autoptr (GPtrArray) alternates = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  gboolean gap = FALSE;

  if (phone != NULL)
    {
      g_autofree char *number = g_strconcat (code, phone->value, NULL);

      dt_import_proposal_set (p, phone, "number", _("the number"), number);
    }
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Phone%u", i);
      const DtImportKey *key = lookup (d, name);
      g_autofree char *what = NULL;

      if (key == NULL || key->value[0] == '\0')
        {
          gap = TRUE;
          continue;
        }
      if (gap)
        {
          dt_import_proposal_unmapped (p, key, _("not dialed by wvdial either: a number before "
                                                 "it is missing"));
          continue;
        }
      what = g_strdup_printf (_("alternate number %u"), alternates->len + 1);
      g_ptr_array_add (alternates, g_strconcat (code, key->value, NULL));
      if (!dt_import_proposal_set (p, key, "alternates", what, alternates->pdata))
        g_ptr_array_remove_index (alternates, alternates->len - 1);
    }
  if (area != NULL)
    dt_import_proposal_mapped (p, area, _("dialed before each number, as wvdial does"));
  if (prefix != NULL && prefix->value[0] != '\0')
    {
      /* wvdial puts a comma (a pause) after the prefix. */
      g_autofree char *with_pause = g_strconcat (prefix->value, ",", NULL);

      dt_import_proposal_set (p, prefix, "dial-prefix", _("the dial prefix"), with_pause);
    }
}

static void
map_credentials (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  DtEntry *entry = dt_import_proposal_get_entry (p);
  const DtImportKey *user = lookup (d, "Username");
  const DtImportKey *login = lookup (d, "Login");
  const DtImportKey *password = lookup (d, "Password");
  const DtImportKey *ask = lookup (d, "Ask Password");
  gboolean asks = FALSE;

  if (user != NULL)
    dt_import_proposal_set (p, user, "user", _("the user name"), user->value);
  if (login != NULL && user == NULL)
    dt_import_proposal_set (p, login, "user", _("the user name"), login->value);
  else if (login != NULL)
    dt_import_proposal_unmapped (p, login, _("not needed: Username gives the user name"));
  if (ask != NULL && dt_import_parse_boolean (ask->value, &asks) && asks)
    dt_import_proposal_mapped (p, ask, _("ask for the password when connecting"));
  else if (ask != NULL)
    dt_import_proposal_mapped (p, ask, _("the saved password is used"));
  if (password != NULL && password->value[0] != '\0' && !asks)
    dt_import_proposal_take_password (p, password, password->value);
  else if (password != NULL && password->value[0] != '\0')
    dt_import_proposal_unmapped (p, password, _("not kept: Ask Password is on"));
  else if (password != NULL)
    dt_import_proposal_unmapped (p, password, _("not needed: not set"));

  /* wvdial never asks when it has the password: neither does the entry then. */
  dt_entry_set_remember_password (entry, dt_import_proposal_get_password (p) != NULL);
  dt_entry_set_prompt_credentials (entry, dt_import_proposal_get_password (p) == NULL);
}

static void
map_login (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  const DtImportKey *stupid = lookup (d, "Stupid Mode");
  const DtImportKey *login = lookup (d, "Login Prompt");
  const DtImportKey *password = lookup (d, "Password Prompt");
  gboolean is_stupid = FALSE;
  g_autoptr (GString) script = g_string_new (NULL);

  if (stupid != NULL && dt_import_parse_boolean (stupid->value, &is_stupid) && is_stupid)
    {
      dt_import_proposal_mapped (p, stupid, _("PPP starts right after CONNECT, with no login "
                                              "script"));
      if (login != NULL)
        dt_import_proposal_unmapped (p, login, _("not used in Stupid Mode"));
      if (password != NULL)
        dt_import_proposal_unmapped (p, password, _("not used in Stupid Mode"));
      return;
    }
  if (stupid != NULL)
    dt_import_proposal_mapped (p, stupid, _("a login prompt is answered only by a login "
                                            "script"));
  if (login != NULL)
    {
      g_autofree char *quoted = dt_import_script_quote (login->value);

      g_string_append_printf (script, "expect %s\nsend \"$USER\"\n", quoted);
    }
  if (password != NULL)
    {
      g_autofree char *quoted = dt_import_script_quote (password->value);

      g_string_append_printf (script, "expect %s\nsend \"$PASSWORD\"\n", quoted);
    }
  if (login != NULL)
    dt_import_proposal_set (p, login, "login-script", _("the login script"), script->str);
  if (password != NULL)
    dt_import_proposal_set (p, password, "login-script", _("the login script"), script->str);
}

static void
map_redial (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  DtEntry *entry = dt_import_proposal_get_entry (p);
  const DtImportKey *reconnect = lookup (d, "Auto Reconnect");
  const DtImportKey *idle = lookup (d, "Idle Seconds");
  const DtImportKey *attempts = lookup (d, "Dial Attempts");
  const DtImportKey *timeout = lookup (d, "Dial Timeout");
  guint n;

  /* Auto Reconnect is on unless the file says otherwise. */
  dt_entry_set_redial_on_link_drop (entry, TRUE);
  if (reconnect != NULL)
    dt_import_proposal_set_boolean_text (p, reconnect, "redial-on-link-drop",
                                         _("redial when the link drops"), FALSE);
  if (idle != NULL && dt_import_proposal_set_uint_text (p, idle, "idle-disconnect",
                                                        _("hang up when idle")) &&
      dt_entry_get_idle_disconnect (entry) > 0 && dt_entry_get_redial_on_link_drop (entry))
    {
      /* As wvdial: an idle line that hangs up is not redialed. */
      dt_entry_set_redial_on_link_drop (entry, FALSE);
      if (reconnect != NULL)
        dt_import_proposal_unmapped (p, reconnect, _("turned off, as wvdial does when Idle "
                                                     "Seconds is set"));
    }
  if (attempts != NULL && dt_import_parse_uint (attempts->value, &n))
    {
      /* wvdial's 0 dials for ever; Dialtone redials at most 99 times. */
      dt_import_proposal_set (p, attempts, "redial-attempts",
                              n == 0 ? _("redial 99 times (wvdial: for ever)")
                                     : _("the number of redials"),
                              n == 0 ? 99 : MIN (n - 1, 99));
    }
  else if (attempts != NULL)
    dt_import_proposal_lost (p, attempts, _("not imported: not a whole number"));
  if (timeout != NULL)
    dt_import_proposal_set_uint_text (p, timeout, "dial-timeout", _("the time to wait for an "
                                                                   "answer"));
}

static void
map_network (Dialer *d)
{
  DtImportProposal *p = d->proposal;
  const DtImportKey *dns = lookup (d, "Auto DNS");
  const DtImportKey *address = lookup (d, "Force Address");
  const DtImportKey *carrier = lookup (d, "Carrier Check");
  const DtImportKey *busy = lookup (d, "Abort on Busy");
  const DtImportKey *dialtone = lookup (d, "Abort on No Dialtone");
  gboolean b;

  if (dns != NULL && dt_import_parse_boolean (dns->value, &b) && b)
    dt_import_proposal_mapped (p, dns, _("DNS servers from the ISP"));
  else if (dns != NULL)
    dt_import_proposal_lost (p, dns, _("not imported: Dialtone uses the ISP's DNS servers "
                                       "unless the entry names its own"));
  if (address != NULL && address->value[0] != '\0')
    dt_import_proposal_set_static_address (p, address);
  if (carrier != NULL && dt_import_parse_boolean (carrier->value, &b) && !b)
    dt_import_proposal_lost (p, carrier, _("not imported: Dialtone always watches the modem's "
                                           "carrier line (DCD), and hangs up when it drops"));
  else if (carrier != NULL)
    dt_import_proposal_mapped (p, carrier, _("the carrier is watched, as Dialtone always does"));
  if (busy != NULL && dt_import_parse_boolean (busy->value, &b) && b)
    dt_import_proposal_lost (p, busy, _("not imported: Dialtone redials after a busy line as "
                                        "after any failed call, as often as the entry says"));
  else if (busy != NULL)
    dt_import_proposal_mapped (p, busy, _("a busy line is redialed"));
  if (dialtone != NULL && dt_import_parse_boolean (dialtone->value, &b) && b)
    dt_import_proposal_lost (p, dialtone, _("not imported: Dialtone redials after no dial tone "
                                            "as after any failed call, as often as the entry "
                                            "says"));
  else if (dialtone != NULL)
    dt_import_proposal_mapped (p, dialtone, _("no dial tone is redialed"));
}

/* What the rest of wvdial's keys are for, and why the entry does without them. */
static const struct {
  const char *key;
  gboolean lost;
  const char *reason;
} other_keys[] = {
  { "New PPPD", FALSE, N_("not needed: Dialtone runs PPP itself, without pppd") },
  { "PPPD Path", FALSE, N_("not needed: Dialtone runs PPP itself, without pppd") },
  { "PPPD Option", TRUE, N_("not imported: Dialtone runs PPP itself, so pppd's options do not "
                            "apply") },
  { "Remote Name", FALSE, N_("not needed: Dialtone answers whatever name the server gives") },
  { "Modem Type", FALSE, N_("not needed: Dialtone dials every Hayes modem alike") },
  { "ISDN", FALSE, N_("not needed: an ISDN adapter that takes AT commands is dialed like a "
                      "modem") },
  { "Check DNS", FALSE, N_("not needed: a check wvdial made after connecting") },
  { "DNS Test1", FALSE, N_("not needed: a check wvdial made after connecting") },
  { "DNS Test2", FALSE, N_("not needed: a check wvdial made after connecting") },
  { "Check Def Route", FALSE, N_("not needed: Dialtone sets the default route itself (the "
                                 "entry's Default gateway)") },
  { "Default Reply", FALSE, N_("not needed: wvdial's guess at a text login; Dialtone starts "
                               "PPP at once, or runs the login script") },
  { "Compuserve", TRUE, N_("not imported: CompuServe's own login is not supported") },
  { "Tonline", TRUE, N_("not imported: T-Online's own login is not supported") },
  { "Provider", FALSE, N_("not imported: a text wvdial shows") },
  { "Product", FALSE, N_("not imported: a text wvdial shows") },
  { "Homepage", FALSE, N_("not imported: a text wvdial shows") },
  { "DialMessage1", FALSE, N_("not imported: a text wvdial shows") },
  { "DialMessage2", FALSE, N_("not imported: a text wvdial shows") },
  { "Country", FALSE, N_("not imported: a text wvdial shows") },
};

static void
report_key (Dialer            *d,
            const DtImportKey *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (other_keys); i++)
    if (g_ascii_strcasecmp (key->key, other_keys[i].key) == 0)
      {
        if (other_keys[i].lost)
          dt_import_proposal_lost (d->proposal, key, _(other_keys[i].reason));
        else
          dt_import_proposal_unmapped (d->proposal, key, _(other_keys[i].reason));
        return;
      }
  dt_import_proposal_unmapped (d->proposal, key, _("not imported: wvdial does not know this "
                                                   "key either"));
}

/* Every key of the chain that no mapping looked at, once (the one wvdial would use). */
static void
report_other_keys (Dialer *d)
{
  for (guint i = 0; i < d->chain->len; i++)
    {
      GPtrArray *sections = g_hash_table_lookup (d->reader->by_name,
                                                 g_ptr_array_index (d->chain, i));

      for (guint s = sections->len; s > 0; s--)
        {
          DtImportSection *section = g_ptr_array_index (sections, s - 1);

          for (guint k = section->keys->len; k > 0; k--)
            {
              const DtImportKey *key = &g_array_index (section->keys, DtImportKey, k - 1);
              char *folded = g_ascii_strdown (key->key, -1);

              if (g_hash_table_add (d->used, folded))
                report_key (d, key);
            }
        }
    }
  dt_import_proposal_sort_notes (d->proposal);
}

/* Proposals ---------------------------------------------------------------------------- */

static DtImportProposal *
propose (Reader     *r,
         const char *folded,
         const char *name,
         DtImportKind kind)
{
  DtImportSection *first = first_section (r, folded);
  DtImportProposal *p = dt_import_proposal_new (first->name, first->line);
  Dialer d = { r, g_ptr_array_new_with_free_func (g_free),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), p };

  dt_entry_set_name (dt_import_proposal_get_entry (p), name);
  dt_import_proposal_set_kind (p, kind);
  g_hash_table_add (d.used, g_strdup ("inherits"));
  if (build_chain (&d, folded))
    {
      map_device (&d);
      map_init_strings (&d);
      map_numbers (&d);
      {
        const DtImportKey *command = lookup (&d, "Dial Command");

        if (command != NULL)
          dt_import_map_dial_command (p, command);
      }
      map_credentials (&d);
      map_login (&d);
      map_redial (&d);
      map_network (&d);
      report_other_keys (&d);
    }
  g_ptr_array_unref (d.chain);
  g_hash_table_unref (d.used);
  return p;
}

/* A dialer that names no number, account or modem of its own only changes the defaults,
 * as [Dialer pulse] with "Dial Command = ATDP" does for `wvdial pulse`. */
static gboolean
is_modifier (Reader     *r,
             const char *folded)
{
  static const char * const identity[] = {
    "Phone", "Phone1", "Phone2", "Phone3", "Phone4", "Username", "Login", "Password", "Modem",
    "Inherits",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (identity); i++)
    if (section_lookup (r, folded, identity[i]) != NULL)
      return FALSE;
  return TRUE;
}

static void
index_sections (Reader         *r,
                DtImportResult *result,
                GPtrArray      *order)
{
  for (guint i = 0; i < r->ini->sections->len; i++)
    {
      DtImportSection *section = g_ptr_array_index (r->ini->sections, i);
      g_autofree char *folded = NULL;
      GPtrArray *same;

      if (section->name == NULL)
        {
          const DtImportKey *key = &g_array_index (section->keys, DtImportKey, 0);

          dt_import_result_note (result, key->line, key->key, key->value,
                                 _("before any [section]: wvdial does not read it"));
          continue;
        }
      if (section->broken)
        continue;
      folded = fold (section->name);
      same = g_hash_table_lookup (r->by_name, folded);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (r->by_name, g_strdup (folded), same);
          g_ptr_array_add (order, g_steal_pointer (&folded));
        }
      g_ptr_array_add (same, section);
    }
}

static void
add_proposal (DtImportResult   *result,
              DtImportProposal *proposal)
{
  dt_import_result_add (result, proposal);
  g_object_unref (proposal);
}

/* The named dialers, then [Dialer Defaults] itself when it dials somewhere on its own (or
 * is all there is, as wvdialconf writes it). */
static void
propose_dialers (Reader         *r,
                 DtImportResult *result,
                 GPtrArray      *order)
{
  g_autoptr (GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_defaults = g_hash_table_contains (r->by_name, DEFAULTS);
  guint full = 0;

  for (guint i = 0; i < order->len; i++)
    {
      const char *folded = g_ptr_array_index (order, i);
      g_autofree char *name = NULL;
      g_autofree char *modifier_name = NULL;
      gboolean modifier;

      if (!g_str_has_prefix (folded, DIALER_PREFIX) || g_str_equal (folded, DEFAULTS))
        continue;
      if (proposals->len >= DT_IMPORT_MAX_PROPOSALS)
        break;
      name = g_strstrip (g_strdup (display_name (r, folded) + strlen (DIALER_PREFIX)));
      modifier = has_defaults && is_modifier (r, folded);
      /* Translators: a wvdial dialer that only changes the defaults, as `wvdial pulse`. */
      modifier_name = g_strdup_printf (_("wvdial %s"), name);
      g_ptr_array_add (proposals, propose (r, folded, modifier ? modifier_name : name,
                                           modifier ? DT_IMPORT_KIND_MODIFIER
                                                    : DT_IMPORT_KIND_ENTRY));
      full += !modifier;
    }
  if (has_defaults && (full == 0 || section_lookup (r, DEFAULTS, "Phone") != NULL))
    add_proposal (result, propose (r, DEFAULTS, "wvdial", DT_IMPORT_KIND_ENTRY));
  else if (has_defaults)
    {
      DtImportSection *defaults = first_section (r, DEFAULTS);

      dt_import_result_note (result, defaults->line, NULL, NULL,
                             _("[Dialer Defaults] has no Phone: its settings are part of each "
                               "dialer instead"));
    }
  for (guint i = 0; i < proposals->len; i++)
    dt_import_result_add (result, g_ptr_array_index (proposals, i));
}

static void
note_unread_sections (Reader         *r,
                      DtImportResult *result,
                      GPtrArray      *order)
{
  for (guint i = 0; i < order->len; i++)
    {
      const char *folded = g_ptr_array_index (order, i);
      DtImportSection *first;

      if (g_str_has_prefix (folded, DIALER_PREFIX) || g_hash_table_contains (r->inherited, folded))
        continue;
      first = first_section (r, folded);
      dt_import_result_note (result, first->line, NULL, NULL,
                             _("not a [Dialer …] section, and no dialer inherits it: wvdial "
                               "does not read it"));
    }
}

/**
 * dt_import_wvdial_read:
 * @text: a wvdial.conf or ~/.wvdialrc
 *
 * Returns: (transfer full): an entry for each dialer
 */
DtImportResult *
dt_import_wvdial_read (const DtImportText *text)
{
  g_autoptr (DtImportIni) ini = dt_import_ini_parse (text, "#;");
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  DtImportResult *result = dt_import_result_new (DT_IMPORT_FORMAT_WVDIAL);
  Reader r = {
    ini,
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };

  dt_import_result_set_encoding (result, text->encoding);
  dt_import_result_take_notes (result, ini->problems);
  index_sections (&r, result, order);
  propose_dialers (&r, result, order);
  note_unread_sections (&r, result, order);
  g_hash_table_unref (r.by_name);
  g_hash_table_unref (r.inherited);
  return result;
}
