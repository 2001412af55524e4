/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Booting the test ISP: under TCG when DIALTONE_ISP_ACCEL says so (set for this whole
 * program), from the cached guest image the second time, with the launcher's `run` command, and
 * without leaving QEMU behind when the test process that owns a guest dies. */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt-test-isp.h"

#define LAUNCHER SOURCE_ROOT "/tests/isp/dialtone-isp"

static gboolean
skip_without_qemu (void)
{
  g_autofree char *reason = NULL;

  if (dt_test_isp_available (&reason))
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}

static gboolean
pid_alive (GPid pid)
{
  g_autofree char *stat = NULL;
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);

  if (kill (pid, 0) < 0 || !g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  return strstr (stat, ") Z ") == NULL;
}

static void
remove_dir (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

static GKeyFile *
load_state (const char *dir)
{
  g_autoptr (GKeyFile) ini = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "isp.ini", NULL);

  g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&ini);
}

static void
launcher (const char *const *args, int expect_status, char **out)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_strv_builder_add_many (b, LAUNCHER, "--build-dir", BUILD_ROOT, NULL);
  g_strv_builder_addv (b, (const char **) args);
  argv = g_strv_builder_end (b);
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", args[0], g_strstrip (err));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expect_status);
}

static void
test_tcg (void)
{
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  int fd;

  if (skip_without_qemu ())
    return;
  g_assert_cmpstr (g_getenv ("DIALTONE_ISP_ACCEL"), ==, "tcg");
  g_unsetenv ("DIALTONE_TEST_ISP"); /* this test is about booting: never the shared guest */
  isp = dt_test_isp_get ();
  g_test_message ("boot-to-ready under %s: %" G_GINT64_FORMAT " ms (image %s)",
                  dt_test_isp_get_accel (isp), dt_test_isp_get_boot_ms (isp),
                  dt_test_isp_get_image_status (isp));
  g_assert_cmpstr (dt_test_isp_get_accel (isp), ==, "tcg");
  line = dt_test_isp_acquire_line (isp);
  fd = dt_test_isp_open_line (line);
  dt_test_isp_send (fd, "AT\r");
  g_assert_true (dt_test_isp_expect (fd, "\r\nOK\r\n", 3000, NULL));
  close (fd);
  dt_test_isp_release_line (isp, line);
}

static void
test_cached_image (void)
{
  g_autofree char *out = NULL;
  g_autofree char *state = NULL;
  g_autofree char *image = NULL;
  g_autofree char *status = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr (GKeyFile) ini = NULL;
  g_autoptr (GError) error = NULL;
  GPid qemu;
  const char *build_image[] = { SOURCE_ROOT "/tests/isp/build-image", BUILD_ROOT, NULL };
  int wait_status;

  if (skip_without_qemu ())
    return;
  /* Whatever happened before, the image exists after this. */
  g_spawn_sync (NULL, (char **) build_image, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_clear_pointer (&out, g_free);

  state = g_dir_make_tmp ("dialtone-isp-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "start", "--lines", "1", "--state", state, "--watch-pid", pid, NULL };
    launcher (args, 0, &out);
  }
  g_assert_true (g_str_has_prefix (out, "line1 /dev/pts/"));
  ini = load_state (state);
  status = g_key_file_get_string (ini, "isp", "image-status", NULL);
  image = g_key_file_get_string (ini, "isp", "image", NULL);
  g_test_message ("second boot: %s ms, image %s",
                  g_key_file_get_value (ini, "isp", "boot-ms", NULL), status);
  g_assert_cmpstr (status, ==, "reused");
  g_assert_true (g_str_has_prefix (image, BUILD_ROOT "/tests/isp/image-"));

  qemu = g_key_file_get_integer (ini, "isp", "qemu-pid", NULL);
  g_assert_true (pid_alive (qemu));
  {
    const char *args[] = { "stop", "--state", state, NULL };
    launcher (args, 0, NULL);
  }
  g_assert_false (pid_alive (qemu));
  remove_dir (state);
}

static void
test_run (void)
{
  g_autofree char *out = NULL;
  const char *args[] = { "run", "--lines", "1", "--", "sh", "-c",
                         "cat \"$DIALTONE_TEST_ISP/isp.ini\"; exit 7", NULL };
  g_autoptr (GKeyFile) ini = g_key_file_new ();
  GPid qemu;

  if (skip_without_qemu ())
    return;
  launcher (args, 7, &out);
  g_assert_true (g_key_file_load_from_data (ini, out, -1, G_KEY_FILE_NONE, NULL));
  qemu = g_key_file_get_integer (ini, "isp", "qemu-pid", NULL);
  g_assert_cmpint (qemu, >, 0);
  g_assert_false (pid_alive (qemu));
}

static void
test_owner_dies (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;
  g_autoptr (GKeyFile) ini = NULL;
  gint64 end;
  GPid qemu;

  if (skip_without_qemu ())
    return;
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("DT_TEST_STATE");
      g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
      const char *args[] = { "start", "--lines", "1", "--state", dir, "--watch-pid", pid, NULL };
      launcher (args, 0, NULL);
      abort (); /* a crashing test: no atexit, no stop */
    }
  state = g_dir_make_tmp ("dialtone-isp-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("DT_TEST_STATE", state, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  ini = load_state (state);
  qemu = g_key_file_get_integer (ini, "isp", "qemu-pid", NULL);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (pid_alive (qemu) && g_get_monotonic_time () < end)
    g_usleep (50000);
  g_assert_false (pid_alive (qemu));
  remove_dir (state);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The launcher must boot without KVM when told so: these machines' /dev/kvm can't. */
  g_setenv ("DIALTONE_ISP_ACCEL", "tcg", TRUE);
  g_test_add_func ("/isp-boot/tcg", test_tcg);
  g_test_add_func ("/isp-boot/cached-image", test_cached_image);
  g_test_add_func ("/isp-boot/run", test_run);
  g_test_add_func ("/isp-boot/owner-dies", test_owner_dies);
  return g_test_run ();
}
