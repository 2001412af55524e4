/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The NetworkManager sandbox that the link tests stand on (tests/common/nm-sandbox): nmcli
 * talks to it, a "tun" profile owned by a user activates, that user can attach to the device
 * without privilege and another user cannot, deactivating deletes the device, a restart
 * brings NetworkManager back, and --refuse-users makes it refuse users. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dt-test-nm.h"

#define OTHER_UID 1000

static DtTestNm *sandbox;
static GError *sandbox_error;

static char *
nmcli (const char *arg,
       ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "nmcli");
  g_ptr_array_add (argv, (gpointer) "-t");
  va_start (args, arg);
  for (; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

/* In a forked child with @uid's credentials: attaches to @ifname the way DtLink does and
 * returns 0 or the errno. */
static int
attach_as (uid_t       uid,
           const char *ifname)
{
  pid_t pid = fork ();
  int status;

  g_assert_no_errno (pid);
  if (pid == 0)
    {
      struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
      int fd;

      if (setgroups (0, NULL) < 0 || setresgid (uid, uid, uid) < 0
          || setresuid (uid, uid, uid) < 0)
        _exit (255);
      strncpy (ifr.ifr_name, ifname, IFNAMSIZ - 1);
      fd = open ("/dev/net/tun", O_RDWR);
      if (fd < 0 || ioctl (fd, TUNSETIFF, &ifr) < 0)
        _exit (errno);
      _exit (0);
    }
  g_assert_no_errno (waitpid (pid, &status, 0));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_answers (void)
{
  g_autofree char *state = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  state = nmcli ("-f", "RUNNING,STARTUP", "general", NULL);
  g_assert_cmpstr (state, ==, "running:started\n");
}

static void
test_tun_owner (void)
{
  g_autofree char *uid = g_strdup_printf ("%d", DT_TEST_NM_USER_UID);
  g_autofree char *out = NULL;
  g_autofree char *addresses = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  g_free (nmcli ("connection", "add", "type", "tun", "ifname", "dt-test0",
                 "con-name", "sandbox-tun", "tun.mode", "tun", "tun.owner", uid, "tun.pi", "no",
                 "connection.autoconnect", "no", "ipv4.method", "manual",
                 "ipv4.addresses", "10.64.9.2/32", "ipv4.routes", "10.64.9.1/32",
                 "ipv6.method", "disabled", "save", "no", NULL));
  g_free (nmcli ("connection", "up", "sandbox-tun", NULL));

  out = nmcli ("-f", "GENERAL.STATE", "connection", "show", "sandbox-tun", NULL);
  g_assert_cmpstr (out, ==, "GENERAL.STATE:activated\n");
  addresses = nmcli ("-g", "IP4.ADDRESS", "device", "show", "dt-test0", NULL);
  g_assert_cmpstr (addresses, ==, "10.64.9.2/32\n");
  g_assert_cmpuint (if_nametoindex ("dt-test0"), >, 0);

  g_assert_cmpint (attach_as (DT_TEST_NM_USER_UID, "dt-test0"), ==, 0);
  g_assert_cmpint (attach_as (OTHER_UID, "dt-test0"), ==, EPERM);

  g_free (nmcli ("connection", "down", "sandbox-tun", NULL));
  /* NetworkManager deletes the device once the deactivation is done, which under load can
   * be a moment after nmcli returns. */
  for (int i = 0; i < 50 && if_nametoindex ("dt-test0") != 0; i++)
    g_usleep (100 * 1000);
  g_assert_cmpuint (if_nametoindex ("dt-test0"), ==, 0);
  g_free (nmcli ("connection", "delete", "sandbox-tun", NULL));
}

static void
test_restart (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  dt_test_nm_stop_daemon (sandbox, &error);
  g_assert_no_error (error);
  g_assert_null (dt_test_nm_run (&error, "nmcli", "general", NULL));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "NetworkManager is not running"));
  g_clear_error (&error);

  dt_test_nm_start_daemon (sandbox, &error);
  g_assert_no_error (error);
  state = nmcli ("-f", "RUNNING", "general", NULL);
  g_assert_cmpstr (state, ==, "running\n");

  dt_test_nm_restart (sandbox, 0.1, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&state, g_free);
  state = nmcli ("-f", "RUNNING", "general", NULL);
  g_assert_cmpstr (state, ==, "running\n");
}

/* A second sandbox, with --refuse-users, from a subprocess (one network namespace each). */
static void
test_refuse_users (void)
{
  g_autoptr (DtTestNm) refusing = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uid = g_strdup_printf ("%d", DT_TEST_NM_USER_UID);
  g_autofree char *out = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  /* The child inherited the parent's sandbox: start its own.  That clears the variables
   * first so that dt_test_nm_start() does not take the shared one. */
  g_unsetenv ("DIALTONE_TEST_NM_DIR");
  refusing = dt_test_nm_start (DT_TEST_NM_FLAGS_REFUSE_USERS, &error);
  g_assert_no_error (error);

  out = dt_test_nm_run (&error, "setpriv", "--reuid", uid, "--regid", uid, "--clear-groups",
                        "nmcli", "connection", "add", "type", "tun", "ifname", "dt-test1",
                        "tun.mode", "tun", "ipv4.method", "disabled", "save", "no", NULL);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Insufficient privileges"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Private: test_restart restarts NetworkManager. */
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &sandbox_error);

  g_test_add_func ("/nm-sandbox/answers", test_answers);
  g_test_add_func ("/nm-sandbox/tun-owner", test_tun_owner);
  g_test_add_func ("/nm-sandbox/restart", test_restart);
  g_test_add_func ("/nm-sandbox/refuse-users", test_refuse_users);
  status = g_test_run ();

  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
