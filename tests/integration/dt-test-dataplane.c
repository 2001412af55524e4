/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data-plane tests' sandbox and fixture: see dt-test-dataplane.h. */

#include "config.h"

#include <stdarg.h>

#include "dt-test-dataplane.h"

static DtTestNm *nm;

DtTestNm *
dt_test_dataplane_start_nm (void)
{
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      nm = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &error);
      if (nm == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_error ("NetworkManager sandbox: %s", error->message);
    }
  else
    {
      nm = dt_test_nm_start (DT_TEST_NM_FLAGS_NONE, &error);
      g_assert_no_error (error);
    }
  return nm;
}

void
dt_test_dataplane_set_up (DtTestDataplane *f,
                          gconstpointer    data)
{
  GParamSpec *timeout;

  if (nm == NULL)
    {
      g_test_skip ("no NetworkManager sandbox here (needs root)");
      return;
    }
  if (!dt_test_dial_call_set_up (&f->call))
    return;
  /* Online, unlike the other dialing tests, and the entry's own time to dial (the default,
   * not their 15 s). */
  dt_connection_set_network_mode (f->call.connection, DT_NETWORK_AUTO);
  timeout = g_object_class_find_property (G_OBJECT_GET_CLASS (f->call.entry), "dial-timeout");
  g_object_set_property (G_OBJECT (f->call.entry), "dial-timeout",
                         g_param_spec_get_default_value (timeout));

  dt_entry_set_number (f->call.entry, "5550110");
  dt_entry_set_auth_methods (f->call.entry, DT_AUTH_PAP);   /* what 5550110's pppd takes */
  dt_entry_set_default_gateway (f->call.entry, FALSE);
  dt_entry_set_lcp_echo_interval (f->call.entry, 5);
}

void
dt_test_dataplane_tear_down (DtTestDataplane *f,
                             gconstpointer    data)
{
  dt_test_dial_call_tear_down (&f->call);
  g_clear_error (&f->dial_error);
}

void
dt_test_dataplane_dial (DtTestDataplane *f)
{
  g_autoptr (DtCredentials) credentials =
    dt_credentials_new (DT_TEST_DATAPLANE_USER, DT_TEST_DATAPLANE_PASSWORD, NULL);

  f->dial_ok = dt_test_dial_sync (f->call.connection, f->call.entry, credentials,
                                  &f->dial_error);
}

char *
dt_test_dataplane_run (const char *argv0,
                       ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out;
  va_list args;

  va_start (args, argv0);
  for (const char *a = argv0; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  out = dt_test_nm_runv ((const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return out;
}
