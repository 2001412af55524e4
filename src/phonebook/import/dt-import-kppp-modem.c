/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kppp's modem group onto an entry: the device, speed and flow control, the two init
 * strings (ATZ when there is none), the dial string, the speaker from Volume and its
 * loudness fragments, the timeouts; the response strings and delays kppp needed to drive a
 * modem are not needed here. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-kconfig.h"
#include "dt-import-kppp-modem.h"
#include "dt-import-readers.h"

/* kppp's volume is one of three AT fragments ("M1L1"): the M is the speaker, the L its
 * loudness, which goes with the extra commands. */
static void
map_volume (DtImportProposal      *p,
            const DtImportSection *modem,
            const DtImportKey     *volume)
{
  static const char * const keys[] = { "VolumeOff", "VolumeMedium", "VolumeHigh" };
  static const char * const defaults[] = { "M0L0", "M1L1", "M1L3" };
  const DtImportKey *fragment;
  g_autofree char *upper = NULL;
  const char *m, *l;
  guint level;

  if (!dt_import_parse_uint (volume->value, &level) || level > 2)
    {
      dt_import_proposal_lost (p, volume, _("not imported: kppp's volume is 0, 1 or 2"));
      return;
    }
  fragment = dt_import_kconfig_lookup (modem, keys[level]);
  upper = g_ascii_strup (fragment != NULL ? fragment->value : defaults[level], -1);
  m = strchr (upper, 'M');
  l = strchr (upper, 'L');
  if (m != NULL && m[1] >= '0' && m[1] <= '2')
    dt_import_proposal_set (p, volume, "speaker", _("the speaker"),
                            m[1] == '0' ? DT_SPEAKER_OFF
                            : m[1] == '1' ? DT_SPEAKER_UNTIL_CONNECT : DT_SPEAKER_ALWAYS);
  if (l != NULL && g_ascii_isdigit (l[1]))
    {
      char loudness[3] = { 'L', l[1], '\0' };

      dt_import_add_extra_commands (p, volume, loudness);
    }
}

/* Whether @key is the loudness fragment ("VolumeOff") that the group's Volume chooses. */
static gboolean
is_chosen_volume (const DtImportSection *modem,
                  const DtImportKey     *key)
{
  static const char * const keys[] = { "VolumeOff", "VolumeMedium", "VolumeHigh" };
  const DtImportKey *volume = dt_import_kconfig_lookup (modem, "Volume");
  guint level = 1;

  if (volume != NULL && !dt_import_parse_uint (volume->value, &level))
    return FALSE;
  return level <= 2 && dt_import_kconfig_key_matches (key, keys[level]);
}

static void
map_flow_control (DtImportProposal  *p,
                  const DtImportKey *key)
{
  /* Older kppp wrote "CRTSCTS", later ones "Hardware [CRTSCTS]", in the user's language. */
  if (strstr (key->value, "CRTSCTS") != NULL)
    dt_import_proposal_set (p, key, "flow-control", _("hardware flow control"),
                            DT_FLOW_CONTROL_HARDWARE);
  else if (strstr (key->value, "XON") != NULL)
    dt_import_proposal_set (p, key, "flow-control", _("software flow control"),
                            DT_FLOW_CONTROL_SOFTWARE);
  else if (g_ascii_strcasecmp (key->value, "None") == 0)
    dt_import_proposal_set (p, key, "flow-control", _("no flow control"), DT_FLOW_CONTROL_NONE);
  else
    dt_import_proposal_lost (p, key, _("not imported: neither hardware, software nor none"));
}

static const struct {
  const char *key;
  gboolean lost;
  const char *reason;
} other_modem_keys[] = {
  { "Name", FALSE, N_("not needed: the modem's name in kppp") },
  { "UseLockFile", FALSE, N_("not needed: Dialtone always locks the port") },
  { "InitResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "ConnectResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "BusyResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "NoCarrierResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "NoDialToneResp", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "HangUpResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "RingResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "AnswerResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "EscapeResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "DLPResponse", FALSE, N_("not needed: Dialtone knows the standard responses") },
  { "HangupString", FALSE, N_("not needed: Dialtone hangs up with DTR, then +++ and ATH0") },
  { "EscapeString", FALSE, N_("not needed: Dialtone hangs up with DTR, then +++ and ATH0") },
  { "EscapeGuardTime", FALSE, N_("not needed: Dialtone hangs up with DTR, then +++ and ATH0") },
  { "AnswerString", FALSE, N_("not needed: for answering calls") },
  { "PreInitDelay", FALSE, N_("not needed: Dialtone waits for each answer of the modem") },
  { "InitDelay", FALSE, N_("not needed: Dialtone waits for each answer of the modem") },
  { "ToneDuration", TRUE, N_("not imported: Dialtone leaves the tone length to the modem") },
  { "WaitForDialTone", TRUE, N_("not imported: Dialtone leaves dial-tone detection to the "
                                "modem's own setting") },
  { "NoDialToneDetection", TRUE, N_("not imported: Dialtone leaves dial-tone detection to "
                                    "the modem's own setting") },
  { "Enter", FALSE, N_("not needed: Dialtone ends commands with a carriage return") },
  { "VolumeOff", FALSE, N_("not needed: Volume chooses another loudness") },
  { "VolumeMedium", FALSE, N_("not needed: Volume chooses another loudness") },
  { "VolumeHigh", FALSE, N_("not needed: Volume chooses another loudness") },
};

static void
report_other (DtImportProposal  *p,
              const DtImportKey *key,
              const char        *lost_reason)
{
  for (gsize i = 0; i < G_N_ELEMENTS (other_modem_keys); i++)
    if (dt_import_kconfig_key_matches (key, other_modem_keys[i].key))
      {
        if (other_modem_keys[i].lost)
          dt_import_proposal_lost (p, key, _(other_modem_keys[i].reason));
        else
          dt_import_proposal_unmapped (p, key, _(other_modem_keys[i].reason));
        return;
      }
  dt_import_proposal_unmapped (p, key, lost_reason);
}

static void
map_modem_key (DtImportProposal      *p,
               const DtImportSection *modem,
               const DtImportKey     *raw)
{
  DtImportKey key = dt_import_kconfig_plain_key (raw);

  if (dt_import_kconfig_key_matches (&key, "Device"))
    dt_import_proposal_set (p, &key, "device", _("the modem's serial port"), key.value);
  else if (dt_import_kconfig_key_matches (&key, "Speed"))
    dt_import_proposal_set_uint_text (p, &key, "speed", _("the port speed"));
  else if (dt_import_kconfig_key_matches (&key, "FlowControl"))
    map_flow_control (p, &key);
  else if (dt_import_kconfig_key_matches (&key, "DialString"))
    dt_import_map_dial_command (p, &key);
  else if (dt_import_kconfig_key_matches (&key, "Volume"))
    map_volume (p, modem, &key);
  else if (dt_import_kconfig_key_matches (&key, "Timeout"))
    dt_import_proposal_set_uint_text (p, &key, "dial-timeout",
                                      _("the time to wait for an answer"));
  else if (dt_import_kconfig_key_matches (&key, "BusyWait"))
    {
      guint n;

      if (dt_import_parse_uint (key.value, &n) && n > 0)
        dt_import_proposal_set (p, &key, "redial-interval", _("the wait before redialing"), n);
      else
        dt_import_proposal_unmapped (p, &key, _("not needed: no wait before redialing"));
    }
  else if (is_chosen_volume (modem, &key))
    dt_import_proposal_mapped (p, &key, _("the speaker, as Volume chooses"));
  else if (!dt_import_kconfig_key_matches (&key, "InitString") &&
           !dt_import_kconfig_key_matches (&key, "InitString1"))
    report_other (p, &key, _("not imported: kppp does not know this key either"));
  g_free (key.value);
}

/* kppp's two init strings; the first is ATZ when the group has none. */
static void
map_init_strings (DtImportProposal      *p,
                  const DtImportSection *modem)
{
  g_autoptr (GPtrArray) accepted = g_ptr_array_new_null_terminated (2, g_free, TRUE);
  const char * const names[] = { "InitString", "InitString1" };

  if (dt_import_kconfig_lookup (modem, "InitString") == NULL)
    g_ptr_array_add (accepted, g_strdup ("ATZ"));
  dt_entry_set_init_strings (dt_import_proposal_get_entry (p),
                             (const char * const *) accepted->pdata);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const DtImportKey *raw = dt_import_kconfig_lookup (modem, names[i]);
      DtImportKey key;
      g_autofree char *what = NULL;

      if (raw == NULL)
        continue;
      key = dt_import_kconfig_plain_key (raw);
      if (key.value[0] == '\0')
        {
          dt_import_proposal_unmapped (p, &key, _("not needed: empty"));
          g_free (key.value);
          continue;
        }
      what = g_strdup_printf (_("init string %u"), accepted->len + 1);
      g_ptr_array_add (accepted, key.value);
      if (!dt_import_proposal_set (p, &key, "init-strings", what, accepted->pdata))
        g_ptr_array_remove_index (accepted, accepted->len - 1);
    }
}

/* Every key of @modem, noted on @proposal. */
void
dt_import_kppp_map_modem (DtImportProposal      *proposal,
                          const DtImportSection *modem)
{
  /* kppp's speed when the group has none. */
  dt_entry_set_speed (dt_import_proposal_get_entry (proposal), 57600);
  map_init_strings (proposal, modem);
  for (guint i = 0; i < modem->keys->len; i++)
    map_modem_key (proposal, modem, &g_array_index (modem->keys, DtImportKey, i));
}
