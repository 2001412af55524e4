/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEntry and DtPhonebook as users and the engine rely on them: the defaults a new entry
 * dials with, notification only on change, the validation reasons, the file round trip
 * (with keys and groups this version does not know), the sorted list model, unique names,
 * and Undo bringing back a deleted entry's unknown keys. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

#include "dt-phonebook.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("dialtone-phonebook-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "dialtone", "phonebook.ini", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GFile) file = g_file_new_for_path (dir);
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autoptr (GFileInfo) owned = info;
      g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_entry_defaults (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtEntry) other = dt_entry_new ();

  g_assert_true (g_uuid_string_is_valid (dt_entry_get_uuid (entry)));
  g_assert_cmpstr (dt_entry_get_uuid (entry), !=, dt_entry_get_uuid (other));

  /* What a new entry dials with, before anyone touches it. */
  g_assert_cmpstr (dt_entry_get_name (entry), ==, "");
  g_assert_cmpstr (dt_entry_get_device (entry), ==, "");
  g_assert_cmpint (dt_entry_get_device_type (entry), ==, DT_DEVICE_TYPE_MODEM);
  g_assert_cmpuint (dt_entry_get_speed (entry), ==, 115200);
  g_assert_cmpint (dt_entry_get_flow_control (entry), ==, DT_FLOW_CONTROL_HARDWARE);
  g_assert_cmpint (dt_entry_get_dial_mode (entry), ==, DT_DIAL_MODE_TONE);
  g_assert_cmpuint (dt_entry_get_dial_timeout (entry), ==, 60);
  g_assert_cmpint (dt_entry_get_speaker (entry), ==, DT_SPEAKER_UNTIL_CONNECT);
  g_assert_cmpint (dt_entry_get_auth_methods (entry), ==,
                   DT_AUTH_PAP | DT_AUTH_CHAP | DT_AUTH_MSCHAPV2 | DT_AUTH_EAP);
  g_assert_false (dt_entry_get_require_encryption (entry));
  g_assert_cmpuint (dt_entry_get_redial_attempts (entry), ==, 3);
  g_assert_cmpuint (dt_entry_get_redial_interval (entry), ==, 15);
  g_assert_cmpuint (dt_entry_get_lcp_echo_interval (entry), ==, 10);
  g_assert_cmpuint (dt_entry_get_lcp_echo_failures (entry), ==, 3);
  g_assert_cmpint (dt_entry_get_ip_mode (entry), ==, DT_IP_MODE_SERVER);
  g_assert_cmpint (dt_entry_get_dns_mode (entry), ==, DT_DNS_MODE_SERVER);
  g_assert_true (dt_entry_get_default_gateway (entry));
  g_assert_true (dt_entry_get_compression (entry));
  g_assert_cmpint (dt_entry_get_callback_mode (entry), ==, DT_CALLBACK_NONE);
  g_assert_cmpuint (g_strv_length ((char **) dt_entry_get_alternates (entry)), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) dt_entry_get_dns_servers (entry)), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) dt_entry_get_routes (entry)), ==, 0);
  g_assert_null (dt_entry_get_last_connected (entry));

  /* Only the name and the number stand between a new entry and a valid one. */
  g_assert_false (dt_entry_is_valid (entry));
  dt_entry_set_name (entry, "Work");
  dt_entry_set_number (entry, "555-0100");
  g_assert_true (dt_entry_is_valid (entry));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_entry_notify_on_change (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  const char *numbers[] = { "555-0101", "555-0102", NULL };
  const char *same[] = { "555-0101", "555-0102", NULL };
  guint count = 0;

  g_signal_connect (entry, "notify", G_CALLBACK (count_notify), &count);

  dt_entry_set_name (entry, "Work");
  dt_entry_set_name (entry, "Work");
  g_assert_cmpuint (count, ==, 1);

  dt_entry_set_speed (entry, 57600);
  dt_entry_set_speed (entry, 57600);
  g_assert_cmpuint (count, ==, 2);

  dt_entry_set_alternates (entry, numbers);
  dt_entry_set_alternates (entry, same);
  g_assert_cmpuint (count, ==, 3);

  g_object_set (entry, "dial-mode", DT_DIAL_MODE_PULSE, NULL);
  g_object_set (entry, "dial-mode", DT_DIAL_MODE_PULSE, NULL);
  g_assert_cmpuint (count, ==, 4);

  /* NULL is the empty string, which the entry already has. */
  dt_entry_set_domain (entry, NULL);
  g_assert_cmpuint (count, ==, 4);

  /* A name set from a piece of itself. */
  dt_entry_set_name (entry, dt_entry_get_name (entry) + 1);
  g_assert_cmpstr (dt_entry_get_name (entry), ==, "ork");
}

static void
test_entry_copy_and_duplicate (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtEntry) copy = NULL;
  g_autoptr (DtEntry) dup = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_utc (2024, 3, 1, 12, 0, 0);

  dt_entry_set_name (entry, "Work");
  dt_entry_set_number (entry, "555-0100");
  dt_entry_set_last_connected (entry, when);

  copy = dt_entry_copy (entry);
  g_assert_cmpstr (dt_entry_get_uuid (copy), ==, dt_entry_get_uuid (entry));
  g_assert_cmpstr (dt_entry_get_number (copy), ==, "555-0100");
  g_assert_true (g_date_time_equal (dt_entry_get_last_connected (copy), when));

  /* Editing the copy leaves the original alone until the copy is applied. */
  dt_entry_set_number (copy, "555-0199");
  g_assert_cmpstr (dt_entry_get_number (entry), ==, "555-0100");
  dt_entry_copy_settings (entry, copy);
  g_assert_cmpstr (dt_entry_get_number (entry), ==, "555-0199");

  dup = dt_entry_duplicate (entry);
  g_assert_cmpstr (dt_entry_get_uuid (dup), !=, dt_entry_get_uuid (entry));
  g_assert_cmpstr (dt_entry_get_name (dup), ==, "Work");
  g_assert_null (dt_entry_get_last_connected (dup));
}

static void
assert_last_connected (GDateTime  *now,
                       GDateTime  *when,
                       const char *expected)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autofree char *text = NULL;

  dt_entry_set_last_connected (entry, when);
  text = dt_entry_format_last_connected (entry, now);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_entry_format (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_local (2024, 3, 12, 15, 0, 0);
  g_autoptr (GDateTime) secs = g_date_time_add_seconds (now, -30);
  g_autoptr (GDateTime) min1 = g_date_time_add_minutes (now, -1);
  g_autoptr (GDateTime) min5 = g_date_time_add_minutes (now, -5);
  g_autoptr (GDateTime) hours2 = g_date_time_add_hours (now, -2);
  g_autoptr (GDateTime) yesterday = g_date_time_new_local (2024, 3, 11, 20, 0, 0);
  g_autoptr (GDateTime) earlier = g_date_time_new_local (2024, 3, 1, 9, 0, 0);
  g_autoptr (DtEntry) entry = dt_entry_new ();

  assert_last_connected (now, NULL, "Never");
  assert_last_connected (now, secs, "Just now");
  assert_last_connected (now, min1, "1 minute ago");
  assert_last_connected (now, min5, "5 minutes ago");
  assert_last_connected (now, hours2, "2 hours ago");
  assert_last_connected (now, yesterday, "Yesterday");
  assert_last_connected (now, earlier, "1 March 2024");

  g_assert_cmpstr (dt_entry_format_device (entry), ==, "Ask when dialing");
  dt_entry_set_device (entry, "/dev/ttyACM0");
  g_assert_cmpstr (dt_entry_format_device (entry), ==, "/dev/ttyACM0");
}

typedef struct {
  const char *setup;      /* "property=value;…" applied first */
  const char *property;
  const char *value;      /* lists are separated by '|' */
  gboolean valid;
} ValidationCase;

static const ValidationCase validation_cases[] = {
  { "", "name", "Work", TRUE },
  { "", "name", "Büro – Zürich", TRUE },
  { "", "name", "", FALSE },
  { "", "name", "   ", FALSE },
  { "", "name", "Line\nbreak", FALSE },
  { "", "number", "555-0100", TRUE },
  { "", "number", "9,,1 (555) 010-0199", TRUE },
  { "", "number", "*70W555#0100!", TRUE },
  { "", "number", "+44 20 7946 0000", TRUE },
  { "", "number", "P5550100T", TRUE },
  { "", "number", "", FALSE },
  { "device-type=direct", "number", "", TRUE },
  { "", "number", "555-CALL", FALSE },
  { "", "number", "555;0100", FALSE },
  { "", "number", ",,,", FALSE },
  { "", "alternates", "555-0101|555-0102", TRUE },
  { "", "alternates", "555-0101|", FALSE },
  { "", "alternates", "555-0101|abc", FALSE },
  { "", "dial-prefix", "", TRUE },
  { "", "dial-prefix", "9,", TRUE },
  { "", "dial-prefix", "x", FALSE },
  { "", "device", "", TRUE },
  { "", "device", "/dev/ttyUSB0", TRUE },
  { "", "device", "/dev/serial/by-id/usb-USRobotics_56K-if00", TRUE },
  { "", "device", "ttyS0", FALSE },
  { "", "device", "/tmp/ttyS0", FALSE },
  { "", "device", "/dev/", FALSE },
  { "", "device", "/dev/../etc/passwd", FALSE },
  { "", "speed", "115200", TRUE },
  { "", "speed", "300", TRUE },
  { "", "speed", "921600", TRUE },
  { "", "speed", "0", FALSE },
  { "", "speed", "12345", FALSE },
  { "", "user", "alice", TRUE },
  { "", "user", "DOMAIN\\alice", TRUE },
  { "", "user", "al\tice", FALSE },
  { "", "domain", "", TRUE },
  { "", "auth-methods", "pap", TRUE },
  { "", "auth-methods", "", FALSE },
  { "require-encryption=true", "auth-methods", "pap", FALSE },
  { "require-encryption=true", "auth-methods", "pap|mschapv2", TRUE },
  { "auth-methods=pap", "require-encryption", "true", FALSE },
  { "", "init-strings", "AT&F|ATE0V1", TRUE },
  { "", "init-strings", "AT&F|", FALSE },
  { "", "init-strings", "ATZ\r", FALSE },
  { "", "init-strings", "AT+GCI=B5 é", FALSE },
  { "", "extra-commands", "ATS11=50", TRUE },
  { "", "extra-commands", "ATS11=50\n", FALSE },
  { "", "dial-timeout", "60", TRUE },
  { "", "dial-timeout", "255", TRUE },
  { "", "dial-timeout", "0", FALSE },
  { "", "dial-timeout", "256", FALSE },
  { "", "redial-attempts", "0", TRUE },
  { "", "redial-attempts", "100", FALSE },
  { "", "redial-interval", "0", FALSE },
  { "", "redial-interval", "600", TRUE },
  { "", "idle-disconnect", "0", TRUE },
  { "", "idle-disconnect", "90000", FALSE },
  { "", "login-script", "", TRUE },
  { "", "login-script", "expect login:", TRUE },
  { "", "login-script", "send $PASSWORD", TRUE },
  { "", "login-script", "/home/me/isp.chat", FALSE },    /* the script itself, not a path */
  { "", "login-script", "sned x", FALSE },
  { "require-encryption=true", "login-script", "send $PASSWORD", FALSE },
  { "require-encryption=true", "login-script", "send $USER", TRUE },
  { "", "require-server-auth", "true", TRUE },
  { "auth-methods=pap|chap", "require-server-auth", "true", FALSE },
  { "require-server-auth=true", "auth-methods", "chap", FALSE },
  { "", "login-script", "expect \"login:\"\nsend \"$USER\"\n", TRUE },
  { "", "login-script", "timeout 20\r\n\texpect ogin:", TRUE },
  { "", "login-script", "send \"\x01\"", FALSE },
  { "", "area-code", "", TRUE },
  { "", "area-code", "425", TRUE },
  { "", "area-code", "0123456789", TRUE },
  { "", "area-code", "01234567890", FALSE },
  { "", "area-code", "(425)", FALSE },
  { "", "country-code", "0", TRUE },
  { "", "country-code", "999", TRUE },
  { "", "country-code", "1000", FALSE },
  { "", "static-address", "not an address", TRUE },   /* unused while the server assigns */
  { "ip-mode=static", "static-address", "192.0.2.10", TRUE },
  { "ip-mode=static", "static-address", "", FALSE },
  { "ip-mode=static", "static-address", "192.0.2", FALSE },
  { "ip-mode=static", "static-address", "192.0.2.300", FALSE },
  { "ip-mode=static", "static-address", "0.0.0.0", FALSE },
  { "ip-mode=static", "static-address", "224.0.0.1", FALSE },
  { "ip-mode=static", "static-address", "2001:db8::1", FALSE },
  { "", "dns-servers", "", TRUE },
  { "dns-mode=manual", "dns-servers", "", FALSE },
  { "dns-mode=manual", "dns-servers", "192.0.2.53", TRUE },
  { "dns-mode=manual", "dns-servers", "192.0.2.53|198.51.100.53", TRUE },
  { "dns-mode=manual", "dns-servers", "192.0.2.53|198.51.100.53|203.0.113.53", FALSE },
  { "dns-mode=manual", "dns-servers", "dns.example", FALSE },
  { "", "routes", "", TRUE },
  { "", "routes", "10.99.0.0/16", TRUE },
  { "default-gateway=true", "routes", "10.99.0.0/16", TRUE },
  { "", "routes", "10.99.0.0/16|192.0.2.0/24|198.51.100.7/32", TRUE },
  { "", "routes", "0.0.0.0/1|128.0.0.0/1", TRUE },
  { "", "routes", "300.1.2.3/8", FALSE },
  { "", "routes", "10.0.0.0/33", FALSE },
  { "", "routes", "10.0.0.0/0", FALSE },
  { "", "routes", "10.0.0.0", FALSE },
  { "", "routes", "10.0.0.0/", FALSE },
  { "", "routes", "10.0.0.0/08", FALSE },
  { "", "routes", "10.0.0.0/+8", FALSE },
  { "", "routes", "10.0.0.0/8x", FALSE },
  { "", "routes", " 10.0.0.0/8", FALSE },
  { "", "routes", "10.0.0/8", FALSE },
  { "", "routes", "010.0.0.0/8", FALSE },
  { "", "routes", "10.1.2.3/8", FALSE },
  { "", "routes", "127.0.0.0/8", FALSE },
  { "", "routes", "224.0.0.0/4", FALSE },
  { "", "routes", "2001:db8::/32", FALSE },
  { "", "routes", "", TRUE },
  { "", "routes", "10.99.0.0/16|", FALSE },
  { "", "routes", "10.99.0.0/16|192.0.2.0/24|10.99.0.0/16", FALSE },
  { "", "callback-number", "", TRUE },
  { "callback-mode=fixed", "callback-number", "", FALSE },
  { "callback-mode=fixed", "callback-number", "555-0123", TRUE },
  { "", "lcp-echo-interval", "0", TRUE },
  { "", "lcp-echo-interval", "3601", FALSE },
  { "", "lcp-echo-failures", "0", FALSE },
  { "lcp-echo-interval=0", "lcp-echo-failures", "0", TRUE },
  { "", "compression", "false", TRUE },
  { "", "compression", "true", TRUE },
};

static void
set_from_text (DtEntry    *entry,
               const char *property,
               const char *text)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (entry), property);
  GType type;

  g_assert_nonnull (pspec);
  type = pspec->value_type;
  if (type == G_TYPE_STRING)
    g_object_set (entry, property, text, NULL);
  else if (type == G_TYPE_UINT)
    g_object_set (entry, property, (guint) g_ascii_strtoull (text, NULL, 10), NULL);
  else if (type == G_TYPE_BOOLEAN)
    g_object_set (entry, property, g_str_equal (text, "true"), NULL);
  else if (type == G_TYPE_STRV)
    {
      g_auto (GStrv) list = text[0] != '\0' ? g_strsplit (text, "|", -1) : g_new0 (char *, 1);

      g_object_set (entry, property, list, NULL);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);

      g_object_set (entry, property, g_enum_get_value_by_nick (klass, text)->value, NULL);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr (GFlagsClass) klass = g_type_class_ref (type);
      g_auto (GStrv) nicks = g_strsplit (text, "|", -1);
      guint flags = 0;

      for (guint i = 0; nicks[i] != NULL; i++)
        if (nicks[i][0] != '\0')
          flags |= g_flags_get_value_by_nick (klass, nicks[i])->value;
      g_object_set (entry, property, flags, NULL);
    }
  else
    g_assert_not_reached ();
}

static void
test_entry_validation_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      const ValidationCase *c = &validation_cases[i];
      g_autoptr (DtEntry) entry = dt_entry_new ();
      g_auto (GStrv) steps = g_strsplit (c->setup, ";", -1);
      g_autofree char *reason = NULL;
      gboolean valid;

      for (guint s = 0; steps[s] != NULL; s++)
        {
          g_auto (GStrv) kv = g_strsplit (steps[s], "=", 2);

          if (kv[0] != NULL && kv[0][0] != '\0')
            set_from_text (entry, kv[0], kv[1]);
        }
      set_from_text (entry, c->property, c->value);

      valid = dt_entry_validate_property (entry, c->property, &reason);
      g_test_message ("%s: %s = “%s” → %s%s%s", c->setup, c->property, c->value,
                      valid ? "valid" : "invalid: ", reason ? reason : "", "");
      g_assert_cmpint (valid, ==, c->valid);
      /* An invalid value always comes with a sentence for the row; a valid one never. */
      if (valid)
        g_assert_null (reason);
      else
        g_assert_true (reason != NULL && reason[0] != '\0');
    }
}

static void
test_entry_reason_names_the_alternate (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  const char *numbers[] = { "555-0101", "555-0102", "oops", NULL };
  g_autofree char *reason = NULL;

  dt_entry_set_alternates (entry, numbers);
  g_assert_false (dt_entry_validate_property (entry, "alternates", &reason));
  g_assert_true (g_str_has_prefix (reason, "Alternate number 3:"));
}

/* The reason says which route, what is wrong with it, and what to type instead. */
static void
test_entry_route_reasons (void)
{
  static const struct {
    const char *route;
    const char *reason;
  } cases[] = {
    { "300.1.2.3/8", "Enter an IPv4 network and its prefix length, such as 10.99.0.0/16" },
    { "10.0.0.0/33", "The prefix length after the / is a number from 1 to 32" },
    { "10.0.0.0", "Add the prefix length, such as 10.99.0.0/16, or /32 for one host" },
    { "10.1.2.3/8", "Give the network's first address: 10.0.0.0/8" },
    { "192.168.7.201/30", "Give the network's first address: 192.168.7.200/30" },
    { "0.0.0.0/0", "To send everything through this connection, use the remote network as "
                   "the default gateway" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      gboolean valid = dt_entry_route_is_valid (cases[i].route, &reason);

      g_test_message ("%s → %s", cases[i].route, reason ? reason : "valid");
      g_assert_false (valid);
      g_assert_cmpstr (reason, ==, cases[i].reason);
    }
  g_assert_true (dt_entry_route_is_valid ("192.168.7.200/30", NULL));

  /* In the list, the reason names the route by its position, and a repeated route too. */
  {
    g_autoptr (DtEntry) entry = dt_entry_new ();
    const char *routes[] = { "10.99.0.0/16", "192.0.2.0/24", "10.99.0.0/16", NULL };
    const char *bad[] = { "10.99.0.0/16", "10.0.0.0", NULL };
    g_autofree char *reason = NULL;
    g_autofree char *bad_reason = NULL;

    dt_entry_set_routes (entry, routes);
    g_assert_false (dt_entry_validate_property (entry, "routes", &reason));
    g_assert_cmpstr (reason, ==, "Route 3: This route is already in the list");
    dt_entry_set_routes (entry, bad);
    g_assert_cmpstr (dt_entry_find_invalid_property (entry, &bad_reason), ==, "name");
    g_clear_pointer (&bad_reason, g_free);
    dt_entry_set_name (entry, "Work");
    dt_entry_set_number (entry, "555-0100");
    g_assert_cmpstr (dt_entry_find_invalid_property (entry, &bad_reason), ==, "routes");
    g_assert_cmpstr (bad_reason, ==,
                     "Route 2: Add the prefix length, such as 10.99.0.0/16, or /32 for one host");
  }
}

/* Every setting with a value other than its default. */
static DtEntry *
make_full_entry (const char *uuid)
{
  DtEntry *entry = dt_entry_new_with_uuid (uuid);
  const char *alternates[] = { "555-0101", "555-0102", NULL };
  const char *init[] = { "AT&F", "ATE0V1&C1&D2", NULL };
  const char *dns[] = { "192.0.2.53", "198.51.100.53", NULL };
  const char *routes[] = { "10.99.0.0/16", "192.0.2.0/24", "198.51.100.7/32", NULL };
  g_autoptr (GDateTime) when = g_date_time_new_utc (2024, 3, 1, 12, 30, 15);

  g_object_set (entry,
                "name", "Büro; \"quoted\" = [x]",
                "device", "/dev/ttyUSB1",
                "device-type", DT_DEVICE_TYPE_DIRECT,
                "speed", 57600,
                "flow-control", DT_FLOW_CONTROL_SOFTWARE,
                "number", "9,555-0100",
                "alternates", alternates,
                "try-alternates", FALSE,
                "dial-prefix", "*70,",
                "dial-mode", DT_DIAL_MODE_PULSE,
                "area-code", "425",
                "country-code", 1,
                "use-dialing-rules", TRUE,
                "user", "DOMAIN\\alice",
                "domain", "CORP",
                "remember-password", FALSE,
                "prompt-credentials", FALSE,
                "auth-methods", DT_AUTH_CHAP | DT_AUTH_MSCHAPV2,
                "require-encryption", TRUE,
                "init-strings", init,
                "extra-commands", "ATS11=50",
                "dial-timeout", 90,
                "speaker", DT_SPEAKER_OFF,
                "redial-attempts", 7,
                "redial-interval", 30,
                "redial-on-link-drop", TRUE,
                "idle-disconnect", 600,
                "show-terminal", TRUE,
                "login-script", "expect \"login:\"\nsend \"$USER\"\n",
                "require-server-auth", TRUE,
                "ip-mode", DT_IP_MODE_STATIC,
                "static-address", "192.0.2.10",
                "dns-mode", DT_DNS_MODE_MANUAL,
                "dns-servers", dns,
                "default-gateway", FALSE,
                "routes", routes,
                "callback-mode", DT_CALLBACK_FIXED,
                "callback-number", "555-0123",
                "lcp-echo-interval", 0,
                "lcp-echo-failures", 5,
                "compression", FALSE,
                "last-connected", when,
                NULL);
  return entry;
}

static void
assert_entries_equal (DtEntry *a,
                      DtEntry *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);
      if (pspecs[i]->value_type == G_TYPE_DATE_TIME)
        {
          GDateTime *ta = g_value_get_boxed (&va), *tb = g_value_get_boxed (&vb);

          g_assert_true ((ta == NULL && tb == NULL) ||
                         (ta != NULL && tb != NULL && g_date_time_equal (ta, tb)));
        }
      else if (pspecs[i]->value_type == G_TYPE_STRV)
        g_assert_cmpstrv (g_value_get_boxed (&va), g_value_get_boxed (&vb));
      else
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_test_message ("%s: %s", pspecs[i]->name, sa);
          g_assert_cmpstr (sa, ==, sb);
        }
    }
}

#define UUID_A "6f2c1d9e-0b7a-4c1e-9a53-2f1f8d0c7a11"
#define UUID_B "0d9b8f5e-3c2a-4e7b-8b61-9a0f2e4d6c22"

static void
test_round_trip_every_setting (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (DtPhonebook) again = dt_phonebook_new (fx->path);
  g_autoptr (DtEntry) full = make_full_entry (UUID_A);
  g_autoptr (DtEntry) plain = dt_entry_new_with_uuid (UUID_B);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dt_phonebook_load (book, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 0);

  dt_entry_set_name (plain, "Plain");
  dt_entry_set_number (plain, "555-0100");
  g_assert_true (dt_phonebook_commit (book, full, &error));
  g_assert_no_error (error);
  g_assert_true (dt_phonebook_commit (book, plain, &error));
  g_assert_no_error (error);

  text = read_text (fx->path);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "[Phonebook]\nVersion=1\n"));
  g_assert_nonnull (strstr (text, "[Entry " UUID_A "]"));
  g_assert_nonnull (strstr (text, "FlowControl=software\n"));
  g_assert_nonnull (strstr (text, "AuthMethods=chap;mschapv2;\n"));
  g_assert_nonnull (strstr (text, "LastConnected=2024-03-01T12:30:15Z\n"));
  g_assert_nonnull (strstr (text, "Routes=10.99.0.0/16;192.0.2.0/24;198.51.100.7/32;\n"));
  /* The password lives in the keyring, never in the file. */
  g_assert_null (strstr (text, "\nPassword="));

  g_assert_true (dt_phonebook_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  assert_entries_equal (full, dt_phonebook_lookup (again, UUID_A));
  assert_entries_equal (plain, dt_phonebook_lookup (again, UUID_B));
}

static void
assert_value (GKeyFile   *key_file,
              const char *group,
              const char *key,
              const char *expected)
{
  g_autofree char *value = g_key_file_get_value (key_file, group, key, NULL);

  g_assert_cmpstr (value, ==, expected);
}

static const char hand_written[] =
  "# My phonebook, edited by hand\n"
  "[Phonebook]\n"
  "Version=1\n"
  "Editor=vim\n"
  "\n"
  "[Entry " UUID_A "]\n"
  "# the office\n"
  "Name=Work\n"
  "Number=555-0100\n"
  "Speed=57600\n"
  "FutureOption=frobnicate\n"
  "Name[es]=Trabajo\n"
  "Speaker=loud-and-proud\n"
  "Compression=perhaps\n"
  "Routes=10.99.0.0/16;172.16.0.0/12\n"
  "\n"
  "[Plugin Settings]\n"
  "Color=blue\n";

static void
test_round_trip_unknown_keys (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (GKeyFile) saved = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  DtEntry *work;

  write_text (fx->path, hand_written);
  g_assert_true (dt_phonebook_load (book, &error));
  g_assert_no_error (error);

  work = dt_phonebook_lookup (book, UUID_A);
  g_assert_nonnull (work);
  g_assert_cmpstr (dt_entry_get_name (work), ==, "Work");
  g_assert_cmpuint (dt_entry_get_speed (work), ==, 57600);
  /* A value this version does not understand reads as the default. */
  g_assert_cmpint (dt_entry_get_speaker (work), ==, DT_SPEAKER_UNTIL_CONNECT);
  g_assert_true (dt_entry_get_compression (work));
  /* A key that is missing reads as the default. */
  g_assert_cmpuint (dt_entry_get_dial_timeout (work), ==, 60);
  /* A list written by hand, without the last ';'. */
  {
    const char *routes[] = { "10.99.0.0/16", "172.16.0.0/12", NULL };

    g_assert_cmpstrv (dt_entry_get_routes (work), routes);
  }

  dt_entry_set_number (work, "555-0199");
  g_assert_true (dt_phonebook_save (book, &error));
  g_assert_no_error (error);

  text = read_text (fx->path);
  g_test_message ("%s", text);
  g_assert_true (g_key_file_load_from_data (saved, text, -1, G_KEY_FILE_KEEP_TRANSLATIONS, &error));
  g_assert_no_error (error);
  assert_value (saved, "Entry " UUID_A, "Number", "555-0199");
  assert_value (saved, "Entry " UUID_A, "FutureOption", "frobnicate");
  assert_value (saved, "Entry " UUID_A, "Routes", "10.99.0.0/16;172.16.0.0/12;");
  assert_value (saved, "Entry " UUID_A, "Name[es]", "Trabajo");
  assert_value (saved, "Phonebook", "Editor", "vim");
  assert_value (saved, "Plugin Settings", "Color", "blue");
  assert_value (saved, "Phonebook", "Version", "1");
  /* Comments stay where they were. */
  g_assert_true (g_str_has_prefix (text, "# My phonebook, edited by hand\n"));
  g_assert_nonnull (strstr (text, "# the office\nName=Work\n"));
}

static void
test_undo_restores_unknown_keys (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (DtEntry) deleted = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *after_undo = NULL;

  write_text (fx->path, hand_written);
  g_assert_true (dt_phonebook_load (book, &error));

  deleted = g_object_ref (dt_phonebook_lookup (book, UUID_A));
  dt_phonebook_remove (book, deleted);
  g_assert_null (dt_phonebook_lookup (book, UUID_A));
  g_assert_true (dt_phonebook_save (book, &error));
  after_delete = read_text (fx->path);
  g_assert_null (strstr (after_delete, UUID_A));

  dt_phonebook_add (book, deleted);
  g_assert_true (dt_phonebook_save (book, &error));
  g_assert_no_error (error);
  after_undo = read_text (fx->path);
  g_assert_nonnull (strstr (after_undo, "[Entry " UUID_A "]"));
  g_assert_nonnull (strstr (after_undo, "FutureOption=frobnicate\n"));
  g_assert_nonnull (strstr (after_undo, "Name[es]=Trabajo\n"));
}

static guint
names_in_order (DtPhonebook *book,
                GString     *out)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (book));

  g_string_truncate (out, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (book), i);

      g_string_append_printf (out, "%s%s", i ? "," : "", dt_entry_get_name (entry));
    }
  return n;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u ", position, removed, added);
}

static void
test_model_sorted_by_name (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) log = g_string_new (NULL);
  const char *input[] = { "Work", "Home", "Backup ISP", "Zeta" };
  DtEntry *zeta;

  g_assert_true (dt_phonebook_load (book, NULL));
  g_signal_connect (book, "items-changed", G_CALLBACK (on_items_changed), log);
  for (gsize i = 0; i < G_N_ELEMENTS (input); i++)
    {
      g_autoptr (DtEntry) entry = dt_entry_new ();

      dt_entry_set_name (entry, input[i]);
      dt_phonebook_add (book, entry);
    }
  g_assert_cmpuint (names_in_order (book, names), ==, 4);
  g_assert_cmpstr (names->str, ==, "Backup ISP,Home,Work,Zeta");
  g_assert_cmpstr (log->str, ==, "0-0+1 0-0+1 0-0+1 3-0+1 ");

  /* A rename moves the row, announced as a removal and an insertion. */
  g_string_truncate (log, 0);
  zeta = dt_phonebook_lookup_by_name (book, "zeta");
  dt_entry_set_name (zeta, "Alpha");
  names_in_order (book, names);
  g_assert_cmpstr (names->str, ==, "Alpha,Backup ISP,Home,Work");
  g_assert_cmpstr (log->str, ==, "3-1+0 0-0+1 ");

  g_string_truncate (log, 0);
  dt_phonebook_remove (book, dt_phonebook_lookup_by_name (book, "HOME "));
  g_assert_cmpstr (log->str, ==, "2-1+0 ");
  g_assert_cmpuint (names_in_order (book, names), ==, 3);
}

static void
test_unique_names (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (DtEntry) work = dt_entry_new ();
  g_autoptr (DtEntry) clash = dt_entry_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *name2 = NULL;
  g_autofree char *name3 = NULL;

  g_assert_true (dt_phonebook_load (book, NULL));
  dt_entry_set_name (work, "Work");
  dt_entry_set_number (work, "555-0100");
  g_assert_true (dt_phonebook_commit (book, work, &error));

  /* The entry itself may keep its name; another may not take it, whatever the case. */
  g_assert_true (dt_phonebook_validate_name (book, "Work", dt_entry_get_uuid (work), NULL));
  g_assert_false (dt_phonebook_validate_name (book, " work", dt_entry_get_uuid (clash), &reason));
  g_assert_cmpstr (reason, ==, "Another entry is already called “Work”");

  dt_entry_copy_settings (clash, work);
  g_assert_false (dt_phonebook_commit (book, clash, &error));
  g_assert_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_INVALID_ENTRY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 1);

  name2 = dt_phonebook_make_unique_name (book, "Work");
  g_assert_cmpstr (name2, ==, "Work (2)");
  dt_entry_set_name (clash, name2);
  g_clear_error (&error);
  g_assert_true (dt_phonebook_commit (book, clash, &error));
  g_assert_no_error (error);
  name3 = dt_phonebook_make_unique_name (book, "work");
  g_assert_cmpstr (name3, ==, "work (3)");
}

static void
test_commit_invalid_entry (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (fx->path);
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (dt_phonebook_load (book, NULL));
  dt_entry_set_name (entry, "Work");
  dt_entry_set_number (entry, "call me");
  g_assert_false (dt_phonebook_commit (book, entry, &error));
  g_assert_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_INVALID_ENTRY);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entry/defaults", test_entry_defaults);
  g_test_add_func ("/entry/notify-on-change", test_entry_notify_on_change);
  g_test_add_func ("/entry/copy-and-duplicate", test_entry_copy_and_duplicate);
  g_test_add_func ("/entry/validation-table", test_entry_validation_table);
  g_test_add_func ("/entry/format", test_entry_format);
  g_test_add_func ("/entry/reason-names-the-alternate", test_entry_reason_names_the_alternate);
  g_test_add_func ("/entry/route-reasons", test_entry_route_reasons);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)
  ADD ("/phonebook/round-trip/every-setting", test_round_trip_every_setting);
  ADD ("/phonebook/round-trip/unknown-keys-and-groups", test_round_trip_unknown_keys);
  ADD ("/phonebook/undo-restores-unknown-keys", test_undo_restores_unknown_keys);
  ADD ("/phonebook/model/sorted-by-name", test_model_sorted_by_name);
  ADD ("/phonebook/unique-names", test_unique_names);
  ADD ("/phonebook/commit-invalid-entry", test_commit_invalid_entry);
#undef ADD

  return g_test_run ();
}
