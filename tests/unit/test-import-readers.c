/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The three readers on files written the way each tool writes them: wvdialconf's output, a
 * wvdial.conf edited by hand with Inherits (a loop too), a kppprc with two accounts and two
 * modems, and an XP rasphone.pbk with alternates, a terminal after dialing and a VPN entry,
 * in the ANSI code page with CRLF, and the same phonebook as UTF-16.  Every mapped setting
 * and every reported key is asserted, with its line. */

#include "config.h"

#include <string.h>

#include "dt-export.h"
#include "dt-import-test.h"
#include "dt-login-script.h"

#define ISP_INIT "ATZ|ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0|ATM1L1"

static void
assert_notes (GPtrArray  *notes,
              const char *expected)
{
  g_autofree char *got = dt_import_test_notes (notes);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_strv (const char * const *list,
             const char         *expected)
{
  g_autofree char *got = dt_import_test_strv (list);

  g_assert_cmpstr (got, ==, expected);
}

/* wvdial -------------------------------------------------------------------------------- */

static void
test_wvdialconf (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("wvdialconf.conf",
                                                           DT_IMPORT_FORMAT_AUTO);
  GListModel *proposals = dt_import_result_get_proposals (result);
  DtImportProposal *p;
  DtEntry *e;
  g_autofree char *problem = NULL;

  g_assert_cmpint (dt_import_result_get_format (result), ==, DT_IMPORT_FORMAT_WVDIAL);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);
  g_assert_cmpuint (dt_import_result_get_notes (result)->len, ==, 0);
  p = dt_import_test_proposal (result, "wvdial");
  e = dt_import_proposal_get_entry (p);
  g_assert_cmpstr (dt_import_proposal_get_source (p), ==, "Dialer Defaults");
  g_assert_cmpuint (dt_import_proposal_get_line (p), ==, 2);
  g_assert_cmpstr (dt_entry_get_device (e), ==, "/dev/ttyUSB0");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 460800);
  /* Init1 before Init2, whatever their order in the file. */
  assert_strv (dt_entry_get_init_strings (e), "ATZ|ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0");
  /* The placeholders wvdialconf writes ("; Phone = …") are comments. */
  g_assert_cmpstr (dt_entry_get_number (e), ==, "");
  g_assert_cmpstr (dt_entry_get_user (e), ==, "");
  g_assert_null (dt_import_proposal_get_password (p));
  g_assert_true (dt_entry_get_prompt_credentials (e));
  g_assert_true (dt_entry_get_redial_on_link_drop (e));      /* wvdial's Auto Reconnect */
  assert_notes (dt_import_proposal_get_mapped (p), "3 Init2, 8 Init1, 10 Modem, 11 Baud");
  assert_notes (dt_import_proposal_get_unmapped (p), "4 Modem Type, 6 ISDN");
  /* wvdialconf leaves the number to fill in: the preview asks for it. */
  problem = dt_import_proposal_check (p);
  g_assert_cmpstr (problem, ==, "Enter the number to dial");
  g_assert_false (dt_import_proposal_needs_device (p));
}

static void
assert_isp_common (DtEntry *e)
{
  g_assert_cmpstr (dt_entry_get_device (e), ==, "/dev/ttyS0");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 115200);
  assert_strv (dt_entry_get_init_strings (e), ISP_INIT);
  assert_strv (dt_entry_get_alternates (e), "555-0101|555-0102");
  /* wvdial dials the prefix with a comma after it. */
  g_assert_cmpstr (dt_entry_get_dial_prefix (e), ==, "9,");
  g_assert_cmpstr (dt_entry_get_user (e), ==, "alice");
  g_assert_true (dt_entry_get_remember_password (e));
  g_assert_false (dt_entry_get_prompt_credentials (e));
  g_assert_cmpuint (dt_entry_get_idle_disconnect (e), ==, 600);
  /* Idle Seconds turns wvdial's Auto Reconnect off. */
  g_assert_false (dt_entry_get_redial_on_link_drop (e));
  /* Dial Attempts = 3: three calls, two of them redials. */
  g_assert_cmpuint (dt_entry_get_redial_attempts (e), ==, 2);
  g_assert_cmpint (dt_entry_get_dns_mode (e), ==, DT_DNS_MODE_SERVER);
}

static void
test_wvdial_hand_edited (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("wvdial-hand.conf",
                                                           DT_IMPORT_FORMAT_AUTO);
  DtImportProposal *isp = dt_import_test_proposal (result, "isp");
  DtImportProposal *night = dt_import_test_proposal (result, "isp-night");
  DtImportProposal *shell = dt_import_test_proposal (result, "shell");
  DtImportProposal *pulse = dt_import_test_proposal (result, "wvdial pulse");
  DtImportProposal *loop_a = dt_import_test_proposal (result, "loop-a");
  DtImportProposal *loop_b = dt_import_test_proposal (result, "loop-b");
  const DtImportNote *password;
  DtEntry *e;

  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (result)), ==, 6);
  assert_notes (dt_import_result_get_notes (result), "2 -");
  g_assert_cmpuint (dt_import_result_count_importable (result), ==, 4);
  g_assert_cmpuint (dt_import_result_count_selected (result), ==, 3);

  e = dt_import_proposal_get_entry (isp);
  assert_isp_common (e);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "555-0100");
  g_assert_cmpint (dt_entry_get_dial_mode (e), ==, DT_DIAL_MODE_TONE);
  g_assert_cmpstr (dt_entry_get_login_script (e), ==, "");
  g_assert_cmpstr (dt_import_proposal_get_password (isp), ==, "wonderland");
  assert_notes (dt_import_proposal_get_mapped (isp),
                "3 Modem, 4 Baud, 5 Init1, 6 Init2, 7 Init3, 8 Stupid Mode, 11 Auto DNS, "
                "12 Dial Attempts, 15 Phone, 16 Phone1, 17 Phone2, 18 Dial Prefix, 19 Username, "
                "20 Password, 21 Idle Seconds");
  assert_notes (dt_import_proposal_get_unmapped (isp),
                "9 New PPPD, 10 PPPD Path, !22 Carrier Check");
  /* The password's note says where it was, never what. */
  password = g_ptr_array_index (dt_import_proposal_get_mapped (isp), 13);
  g_assert_cmpstr (password->key, ==, "Password");
  g_assert_null (password->value);

  /* Inherits: [Dialer isp], with a number and a dial command of its own. */
  e = dt_import_proposal_get_entry (night);
  assert_isp_common (e);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "555-0200");
  g_assert_cmpint (dt_entry_get_dial_mode (e), ==, DT_DIAL_MODE_PULSE);
  g_assert_cmpstr (dt_entry_get_extra_commands (e), ==, "ATX3");
  g_assert_cmpstr (dt_import_proposal_get_password (night), ==, "wonderland");
  assert_notes (dt_import_proposal_get_mapped (night),
                "3 Modem, 4 Baud, 5 Init1, 6 Init2, 7 Init3, 8 Stupid Mode, 11 Auto DNS, "
                "12 Dial Attempts, 16 Phone1, 17 Phone2, 18 Dial Prefix, 19 Username, "
                "20 Password, 21 Idle Seconds, 26 Inherits, 27 Phone, 28 Dial Command, "
                "28 Dial Command");
  assert_notes (dt_import_proposal_get_unmapped (night),
                "9 New PPPD, 10 PPPD Path, !22 Carrier Check, !29 Abort on Busy");

  /* Not in Stupid Mode, with prompts: a login script. */
  e = dt_import_proposal_get_entry (shell);
  assert_isp_common (e);
  g_assert_cmpstr (dt_entry_get_login_script (e), ==,
                   "expect \"login:\"\nsend \"$USER\"\nexpect \"Password:\"\nsend \"$PASSWORD\"\n");
  g_assert_true (dt_login_script_validate (dt_entry_get_login_script (e), NULL));
  g_assert_cmpint (dt_entry_get_ip_mode (e), ==, DT_IP_MODE_STATIC);
  g_assert_cmpstr (dt_entry_get_static_address (e), ==, "192.0.2.10");
  assert_notes (dt_import_proposal_get_mapped (shell),
                "3 Modem, 4 Baud, 5 Init1, 6 Init2, 7 Init3, 11 Auto DNS, 12 Dial Attempts, "
                "15 Phone, 16 Phone1, 17 Phone2, 18 Dial Prefix, 19 Username, 20 Password, "
                "21 Idle Seconds, 32 Inherits, 33 Stupid Mode, 34 Login Prompt, "
                "35 Password Prompt, 36 Force Address");
  assert_notes (dt_import_proposal_get_unmapped (shell),
                "9 New PPPD, 10 PPPD Path, !22 Carrier Check, 37 Remote Name");

  /* [Dialer pulse] only changes the defaults: offered, not chosen. */
  g_assert_cmpint (dt_import_proposal_get_kind (pulse), ==, DT_IMPORT_KIND_MODIFIER);
  g_assert_false (dt_import_proposal_get_selected (pulse));
  e = dt_import_proposal_get_entry (pulse);
  g_assert_cmpint (dt_entry_get_dial_mode (e), ==, DT_DIAL_MODE_PULSE);
  g_assert_cmpstr (dt_entry_get_device (e), ==, "/dev/ttyS0");
  assert_notes (dt_import_proposal_get_mapped (pulse),
                "3 Modem, 4 Baud, 5 Init1, 6 Init2, 7 Init3, 8 Stupid Mode, 11 Auto DNS, "
                "12 Dial Attempts, 40 Dial Command");
  assert_notes (dt_import_proposal_get_unmapped (pulse), "9 New PPPD, 10 PPPD Path");

  /* The loop, with the line that closes it; "loop-a" finds [Dialer loop-a]. */
  g_assert_cmpint (dt_import_proposal_get_kind (loop_a), ==, DT_IMPORT_KIND_SKIPPED);
  g_assert_false (dt_import_proposal_get_selected (loop_a));
  g_assert_cmpstr (dt_import_proposal_get_skip_reason (loop_a), ==,
                   "its Inherits go round in a loop at line 47: [Dialer loop-a] → "
                   "[Dialer loop-b] → [Dialer loop-a]");
  g_assert_cmpstr (dt_import_proposal_get_skip_reason (loop_b), ==,
                   "its Inherits go round in a loop at line 43: [Dialer loop-b] → "
                   "[Dialer loop-a] → [Dialer loop-b]");
}

/* A dialer named on a wvdial command line with [Dialer Defaults] holding the number: the
 * defaults are an entry too, and the dialer that only adds Init3 is a variant of them. */
static void
test_wvdial_defaults_entry (void)
{
  const char *text = "[Dialer Defaults]\nModem = /dev/ttyUSB1\nPhone = 555 0100\n"
                     "Username = bob\n\n[Dialer shh]\nInit3 = ATM0\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    dt_import_read_data ((const guint8 *) text, strlen (text), "wvdial.conf",
                         DT_IMPORT_FORMAT_AUTO, &error);
  DtImportProposal *defaults, *shh;

  g_assert_no_error (error);
  defaults = dt_import_test_proposal (result, "wvdial");
  shh = dt_import_test_proposal (result, "wvdial shh");
  g_assert_cmpint (dt_import_proposal_get_kind (defaults), ==, DT_IMPORT_KIND_ENTRY);
  g_assert_cmpint (dt_import_proposal_get_kind (shh), ==, DT_IMPORT_KIND_MODIFIER);
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (shh)), ==, "555 0100");
  assert_strv (dt_entry_get_init_strings (dt_import_proposal_get_entry (shh)), "ATZ|ATM0");
  /* No Baud: wvdial's own 57600. */
  g_assert_cmpuint (dt_entry_get_speed (dt_import_proposal_get_entry (defaults)), ==, 57600);
  assert_notes (dt_import_proposal_get_mapped (shh), "2 Modem, 3 Phone, 4 Username, 7 Init3");
}

/* kppp ---------------------------------------------------------------------------------- */

static void
assert_kppp_modem (DtEntry *e)
{
  /* [Modem1], "USB Modem": the one [General] names as the default. */
  g_assert_cmpstr (dt_entry_get_device (e), ==, "/dev/ttyACM0");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 460800);
  g_assert_cmpint (dt_entry_get_flow_control (e), ==, DT_FLOW_CONTROL_HARDWARE);
  assert_strv (dt_entry_get_init_strings (e), "ATZ|AT&F1");
  g_assert_cmpint (dt_entry_get_dial_mode (e), ==, DT_DIAL_MODE_TONE);
  g_assert_cmpint (dt_entry_get_speaker (e), ==, DT_SPEAKER_OFF);
  g_assert_cmpstr (dt_entry_get_extra_commands (e), ==, "ATL0");
  g_assert_cmpuint (dt_entry_get_dial_timeout (e), ==, 90);
  g_assert_cmpuint (dt_entry_get_redial_interval (e), ==, 30);
  /* [General] AutomaticRedial=1, for every account. */
  g_assert_true (dt_entry_get_redial_on_link_drop (e));
}

#define KPPP_MODEM_MAPPED "55 AutomaticRedial, 89 BusyWait, 90 DialString, 91 Device, " \
  "93 FlowControl, 94 InitString, 95 InitString1, 97 Speed, 98 Timeout, 100 Volume, " \
  "100 Volume, 101 VolumeOff"
#define KPPP_MODEM_UNMAPPED "92 Enter, 96 Name, 99 UseLockFile"

static void
test_kppp_two_accounts (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("kppprc", DT_IMPORT_FORMAT_AUTO);
  DtImportProposal *isp = dt_import_test_proposal (result, "Example ISP");
  DtImportProposal *office = dt_import_test_proposal (result, "Office");
  DtEntry *e;

  g_assert_cmpint (dt_import_result_get_format (result), ==, DT_IMPORT_FORMAT_KPPP);
  /* [Account2] is past NumberOfAccounts=2: what kppp leaves of a deleted account. */
  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (result)), ==, 2);
  assert_notes (dt_import_result_get_notes (result),
                "51 -, 55 AutomaticRedial, 56 DefaultAccount, 57 DefaultModem, "
                "58 DisconnectOnXServerExit, 59 NumberOfAccounts, 60 NumberOfModems, "
                "61 QuitOnDisconnect, 62 ShowClock, 63 ShowLogWindow, 64 pppdTimeout, 66 -, 73 -");
  /* The other modem is offered in the preview's device chooser. */
  assert_strv (dt_import_result_get_devices (result), "/dev/ttyS0");

  e = dt_import_proposal_get_entry (isp);
  assert_kppp_modem (e);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "555-0100");
  assert_strv (dt_entry_get_alternates (e), "555-0101|555-0102");
  g_assert_cmpstr (dt_entry_get_dial_prefix (e), ==, "");
  g_assert_cmpstr (dt_entry_get_user (e), ==, "alice");
  /* KConfig's escape: "p4ss\\word" is p4ss\word. */
  g_assert_cmpstr (dt_import_proposal_get_password (isp), ==, "p4ss\\word");
  g_assert_true (dt_entry_get_remember_password (e));
  g_assert_false (dt_entry_get_prompt_credentials (e));
  g_assert_cmpuint (dt_entry_get_auth_methods (e), ==, DT_AUTH_PAP);
  g_assert_cmpint (dt_entry_get_callback_mode (e), ==, DT_CALLBACK_NONE);
  g_assert_cmpint (dt_entry_get_ip_mode (e), ==, DT_IP_MODE_SERVER);
  g_assert_cmpint (dt_entry_get_dns_mode (e), ==, DT_DNS_MODE_SERVER);
  g_assert_true (dt_entry_get_default_gateway (e));
  g_assert_cmpstr (dt_entry_get_login_script (e), ==, "");
  assert_notes (dt_import_proposal_get_mapped (isp),
                "4 Authentication, 5 AutoDNS, 10 CallbackType, 13 DefaultRoute, 19 IPAddr, "
                "20 Name, 21 Password, 22 Phonenumber, 22 Phonenumber, 22 Phonenumber, "
                "25 StorePassword, 29 Username, " KPPP_MODEM_MAPPED);
  assert_notes (dt_import_proposal_get_unmapped (isp),
                "2 AccountingEnabled, 3 AccountingFile, 6 AutoName, 7 BeforeConnect, "
                "8 BeforeDisconnect, 9 CallbackPhone, 11 Command, 12 DNS, 14 DialPrefix, "
                "15 DisconnectCommand, 16 Domain, 17 ExDNSDisabled, 18 Gateway, 24 ScriptCommands, "
                "26 SubnetMask, 27 TotalBytes, 28 TotalCosts, 30 VolumeAccountingEnabled, "
                "31 iconifyOnConnect, 32 pppdArguments, " KPPP_MODEM_UNMAPPED);

  e = dt_import_proposal_get_entry (office);
  assert_kppp_modem (e);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "555-0150");
  g_assert_cmpstr (dt_entry_get_dial_prefix (e), ==, "9,");
  g_assert_cmpstr (dt_entry_get_user (e), ==, "bob");
  /* StorePassword=0: asked when connecting. */
  g_assert_null (dt_import_proposal_get_password (office));
  g_assert_true (dt_entry_get_prompt_credentials (e));
  g_assert_cmpstr (dt_entry_get_login_script (e), ==,
                   "expect \"ogin:\"\nsend \"$USER\"\nexpect \"assword:\"\nsend \"$PASSWORD\"\n"
                   "expect \"Welcome\"\n");
  g_assert_true (dt_login_script_validate (dt_entry_get_login_script (e), NULL));
  g_assert_cmpint (dt_entry_get_callback_mode (e), ==, DT_CALLBACK_FIXED);
  g_assert_cmpstr (dt_entry_get_callback_number (e), ==, "555-0199");
  g_assert_cmpint (dt_entry_get_dns_mode (e), ==, DT_DNS_MODE_MANUAL);
  assert_strv (dt_entry_get_dns_servers (e), "192.0.2.53|198.51.100.53");
  g_assert_cmpint (dt_entry_get_ip_mode (e), ==, DT_IP_MODE_STATIC);
  g_assert_cmpstr (dt_entry_get_static_address (e), ==, "192.0.2.77");
  g_assert_false (dt_entry_get_default_gateway (e));
  assert_notes (dt_import_proposal_get_mapped (office),
                "35 Authentication, 36 AutoDNS, 37 CallbackPhone, 38 CallbackType, 39 DNS, "
                "40 DefaultRoute, 41 DialPrefix, 42 IPAddr, 43 Name, 45 Phonenumber, "
                "46 ScriptArguments, 47 ScriptCommands, 48 StorePassword, 49 Username, "
                KPPP_MODEM_MAPPED);
  assert_notes (dt_import_proposal_get_unmapped (office), "44 Password, " KPPP_MODEM_UNMAPPED);
}

/* A script command that has no counterpart keeps the whole script out, and says which. */
static void
test_kppp_script_scan (void)
{
  const char *text = "[Account0]\nName=Menu\nPhonenumber=555-0177\n"
                     "ScriptCommands=Expect,Scan,Send\nScriptArguments=ogin:,Port\\,,ppp\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    dt_import_read_data ((const guint8 *) text, strlen (text), "kppprc", DT_IMPORT_FORMAT_AUTO,
                         &error);
  DtImportProposal *p;

  g_assert_no_error (error);
  p = dt_import_test_proposal (result, "Menu");
  g_assert_cmpstr (dt_entry_get_login_script (dt_import_proposal_get_entry (p)), ==, "");
  assert_notes (dt_import_proposal_get_unmapped (p), "!4 ScriptCommands, !5 ScriptArguments");
  g_assert_nonnull (strstr (dt_import_test_reason (dt_import_proposal_get_unmapped (p), 4,
                                                   "ScriptCommands"), "“Scan”"));
  /* No modem group at all: the preview asks for the device. */
  g_assert_true (dt_import_proposal_needs_device (p));
}

/* The Windows phonebook ----------------------------------------------------------------- */

#define OFFICE_MAPPED "3 Type, 8 BaseProtocol, 12 DataEncryption, 24 RedialAttempts, " \
  "25 RedialSeconds, 26 IdleDisconnectSeconds, 27 RedialOnLinkFailure, 28 CallbackMode, " \
  "47 PreviewUserPw, 53 AuthRestrictions, 55 IpPrioritizeRemote, 58 IpDnsAddress, " \
  "59 IpDns2Address, 62 IpAssign, 63 IpNameAssign, 76 MEDIA, 79 ConnectBPS, 81 DEVICE, " \
  "82 PhoneNumber, 83 AreaCode, 84 CountryCode, 86 UseDialingRules, 88 PhoneNumber, " \
  "94 PhoneNumber, 102 TryNextAlternateOnFail, 103 HwFlowControl, 106 Speaker, 109 DEVICE, " \
  "110 Type, 111 Terminal"
#define OFFICE_UNMAPPED "2 Encoding, 4 AutoLogon, 5 UseRasCredentials, 6 DialParamsUID, " \
  "7 Guid, 9 VpnStrategy, 10 ExcludedProtocols, 11 LcpExtensions, !12 DataEncryption, " \
  "13 SwCompression, 14 NegotiateMultilinkAlways, 15 SkipNwcWarning, 16 SkipDownLevelDialog, " \
  "17 SkipDoubleDialDialog, 18 DialMode, 19 DialPercent, 20 DialSeconds, 21 HangUpPercent, " \
  "22 HangUpSeconds, 23 OverridePref, 29 CustomDialDll, 30 CustomDialFunc, " \
  "31 CustomRasDialDll, 32 AuthenticateServer, 33 ShareMsFilePrint, 34 BindMsNetClient, " \
  "35 SharedPhoneNumbers, 36 GlobalDeviceSettings, 37 PrerequisiteEntry, " \
  "38 PrerequisitePbk, 39 PreferredPort, 40 PreferredDevice, 41 PreferredBps, " \
  "42 PreferredHwFlow, 43 PreferredProtocol, 44 PreferredCompression, 45 PreferredSpeaker, " \
  "46 PreferredMdmProtocol, 48 PreviewDomain, 49 PreviewPhoneNumber, 50 ShowDialingProgress, " \
  "51 ShowMonitorIconInTaskBar, 52 CustomAuthKey, 54 TypicalAuth, 56 IpHeaderCompression, " \
  "57 IpAddress, 60 IpWinsAddress, 61 IpWins2Address, 64 IpFrameSize, 65 IpDnsFlags, " \
  "66 IpNBTFlags, 67 TcpWindowSize, 68 UseFlags, 69 IpSecFlags, 70 IpDnsSuffix, " \
  "72 NETCOMPONENTS, 73 ms_server, 74 ms_msclient, !77 Port, 78 Device, 85 CountryID, " \
  "87 Comment, 89 AreaCode, 90 CountryCode, 91 CountryID, 92 UseDialingRules, 93 Comment, " \
  "!95 AreaCode, 96 CountryCode, 97 CountryID, 98 UseDialingRules, 99 Comment, " \
  "100 LastSelectedPhone, 101 PromoteAlternates, 104 Protocol, 105 Compression, " \
  "107 MdmProtocol, 112 Script, 113 Name"

static void
assert_xp_phonebook (DtImportResult *result)
{
  DtImportProposal *office = dt_import_test_proposal (result, "Office Dial-Up");
  DtImportProposal *vpn = dt_import_test_proposal (result, "Büro VPN");
  DtEntry *e = dt_import_proposal_get_entry (office);
  const DtImportNote *first;

  g_assert_cmpint (dt_import_result_get_format (result), ==, DT_IMPORT_FORMAT_PBK);
  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (result)), ==, 2);
  assert_notes (dt_import_result_get_notes (result), "0 -");
  first = g_ptr_array_index (dt_import_result_get_notes (result), 0);
  g_assert_nonnull (strstr (first->message, "no passwords"));

  g_assert_cmpstr (dt_entry_get_number (e), ==, "5550100");
  assert_strv (dt_entry_get_alternates (e), "5550101|5550102");
  g_assert_cmpstr (dt_entry_get_area_code (e), ==, "425");
  g_assert_cmpuint (dt_entry_get_country_code (e), ==, 1);
  g_assert_true (dt_entry_get_use_dialing_rules (e));
  g_assert_true (dt_entry_get_try_alternates (e));
  /* COM3 names no Linux device: the preview asks, and shows what Windows had. */
  g_assert_cmpstr (dt_entry_get_device (e), ==, "");
  g_assert_true (dt_import_proposal_needs_device (office));
  g_assert_cmpstr (dt_import_proposal_get_device_hint (office), ==,
                   "COM3: U.S. Robotics 56K Voice EXT PnP");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 115200);
  g_assert_cmpint (dt_entry_get_flow_control (e), ==, DT_FLOW_CONTROL_HARDWARE);
  g_assert_cmpint (dt_entry_get_speaker (e), ==, DT_SPEAKER_OFF);
  g_assert_cmpuint (dt_entry_get_redial_attempts (e), ==, 5);
  g_assert_cmpuint (dt_entry_get_redial_interval (e), ==, 30);
  g_assert_cmpuint (dt_entry_get_idle_disconnect (e), ==, 1200);
  g_assert_true (dt_entry_get_redial_on_link_drop (e));
  g_assert_cmpint (dt_entry_get_callback_mode (e), ==, DT_CALLBACK_ASK);
  /* AuthRestrictions=608: CHAP, MS-CHAP and MS-CHAP v2 ("typical, secure"). */
  g_assert_cmpuint (dt_entry_get_auth_methods (e), ==, DT_AUTH_CHAP | DT_AUTH_MSCHAPV2);
  g_assert_true (dt_entry_get_require_encryption (e));
  g_assert_false (dt_entry_get_default_gateway (e));
  g_assert_cmpint (dt_entry_get_ip_mode (e), ==, DT_IP_MODE_SERVER);
  g_assert_cmpint (dt_entry_get_dns_mode (e), ==, DT_DNS_MODE_MANUAL);
  assert_strv (dt_entry_get_dns_servers (e), "192.0.2.53|198.51.100.53");
  g_assert_true (dt_entry_get_show_terminal (e));
  g_assert_true (dt_entry_get_prompt_credentials (e));
  g_assert_null (dt_import_proposal_get_password (office));
  assert_notes (dt_import_proposal_get_mapped (office), OFFICE_MAPPED);
  assert_notes (dt_import_proposal_get_unmapped (office), OFFICE_UNMAPPED);
  g_assert_nonnull (strstr (dt_import_test_reason (dt_import_proposal_get_unmapped (office), 12,
                                                   "DataEncryption"), "MPPE"));

  g_assert_cmpint (dt_import_proposal_get_kind (vpn), ==, DT_IMPORT_KIND_SKIPPED);
  g_assert_cmpstr (dt_import_proposal_get_skip_reason (vpn), ==,
                   "a VPN entry (line 117: Type=2)");
  g_assert_cmpuint (dt_import_result_count_importable (result), ==, 1);
}

static void
test_pbk_xp (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("rasphone.pbk", DT_IMPORT_FORMAT_AUTO);

  /* "Büro" is in the ANSI code page: the file is not UTF-8. */
  g_assert_cmpint (dt_import_result_get_encoding (result), ==, DT_IMPORT_ENCODING_ANSI);
  assert_xp_phonebook (result);
}

/* The same phonebook as some tools write it: UTF-16 with a byte-order mark. */
static void
test_pbk_utf16 (void)
{
  g_autofree char *path = dt_import_test_path ("rasphone.pbk");
  g_autofree char *ansi = NULL;
  g_autofree char *utf16 = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (DtImportResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gsize length, utf16_length;

  g_assert_true (g_file_get_contents (path, &ansi, &length, NULL));
  utf16 = g_convert (ansi, length, "UTF-16LE", "WINDOWS-1252", NULL, &utf16_length, &error);
  g_assert_no_error (error);
  g_byte_array_append (data, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (data, (const guint8 *) utf16, utf16_length);
  result = dt_import_read_data (data->data, data->len, "rasphone.pbk", DT_IMPORT_FORMAT_AUTO,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_import_result_get_encoding (result), ==, DT_IMPORT_ENCODING_UTF16_BOM);
  assert_xp_phonebook (result);
}

/* NT4's older scalar AuthRestrictions, User and Domain, and a multilink entry. */
static void
test_pbk_older_and_multilink (void)
{
  const char *text = "[Old]\r\nUser=carol\r\nDomain=CORP\r\nAuthRestrictions=3\r\n"
                     "MEDIA=serial\r\nPort=COM1\r\nDEVICE=modem\r\nPhoneNumber=5550110\r\n"
                     "MEDIA=serial\r\nPort=COM2\r\nDEVICE=modem\r\nPhoneNumber=5550111\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    dt_import_read_data ((const guint8 *) text, strlen (text), "x.pbk", DT_IMPORT_FORMAT_AUTO,
                         &error);
  DtImportProposal *p;
  DtEntry *e;

  g_assert_no_error (error);
  p = dt_import_test_proposal (result, "Old");
  e = dt_import_proposal_get_entry (p);
  g_assert_cmpstr (dt_entry_get_user (e), ==, "carol");
  g_assert_cmpstr (dt_entry_get_domain (e), ==, "CORP");
  g_assert_cmpuint (dt_entry_get_auth_methods (e), ==, DT_AUTH_MSCHAPV2);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "5550110");
  assert_strv (dt_entry_get_alternates (e), "");
  assert_notes (dt_import_proposal_get_unmapped (p),
                "!4 AuthRestrictions, !6 Port, !9 MEDIA, !10 Port, !11 DEVICE, !12 PhoneNumber");
}

/* A section of no name (the fuzzer found it): each such entry gets a name of its own, and its
 * export reads back as one entry under that name.  Before, it was proposed nameless, named
 * " (2)" when imported, and exported as "[Dialer ]", which no wvdial reads. */
static void
test_pbk_unnamed (void)
{
  const char *text = "[]\r\nMEDIA=serial\r\nPort=COM1\r\nDEVICE=modem\r\nPhoneNumber=5550110\r\n"
                     "[ ]\r\nMEDIA=serial\r\nPort=COM2\r\nDEVICE=modem\r\nPhoneNumber=5550111\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    dt_import_read_data ((const guint8 *) text, strlen (text), "x.pbk", DT_IMPORT_FORMAT_AUTO,
                         &error);
  const DtImportFormat formats[] = { DT_IMPORT_FORMAT_WVDIAL, DT_IMPORT_FORMAT_PBK };
  DtImportProposal *first, *second;

  g_assert_no_error (error);
  first = dt_import_test_proposal (result, "Windows entry 1");
  second = dt_import_test_proposal (result, "Windows entry 2");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (second)), ==, "5550111");
  dt_import_result_assign_names (result, NULL);
  g_assert_cmpstr (dt_import_proposal_get_import_name (first), ==, "Windows entry 1");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GBytes) bytes = dt_export_entry (dt_import_proposal_get_entry (first),
                                                  formats[i], NULL);
      g_autoptr (DtImportResult) again = NULL;
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      again = dt_import_read_data (data, length, NULL, formats[i], &error);
      g_assert_no_error (error);
      dt_import_test_proposal (again, "Windows entry 1");
      g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (again)), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/wvdial/wvdialconf", test_wvdialconf);
  g_test_add_func ("/import/wvdial/hand-edited", test_wvdial_hand_edited);
  g_test_add_func ("/import/wvdial/defaults-entry", test_wvdial_defaults_entry);
  g_test_add_func ("/import/kppp/two-accounts", test_kppp_two_accounts);
  g_test_add_func ("/import/kppp/script-scan", test_kppp_script_scan);
  g_test_add_func ("/import/pbk/xp", test_pbk_xp);
  g_test_add_func ("/import/pbk/utf16", test_pbk_utf16);
  g_test_add_func ("/import/pbk/older-and-multilink", test_pbk_older_and_multilink);
  g_test_add_func ("/import/pbk/unnamed", test_pbk_unnamed);
  return g_test_run ();
}
