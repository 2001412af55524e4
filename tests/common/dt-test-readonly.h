/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Read-only folders for tests that may run as root.  Root ignores a folder's mode through
 * CAP_DAC_OVERRIDE, so dt_test_readonly_begin() chmods the folder and drops that capability
 * (and CAP_DAC_READ_SEARCH) from the calling thread's effective set; dt_test_readonly_end()
 * restores both.  Permission checks then behave as for a desktop user. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline void
dt_test_set_dac_override (gboolean enabled)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  guint32 bits = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);

  g_assert_cmpint (syscall (SYS_capget, &header, data), ==, 0);
  if (enabled)
    data[0].effective |= bits & data[0].permitted;
  else
    data[0].effective &= ~bits;
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}

static inline void
dt_test_readonly_begin (const char *dir)
{
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  dt_test_set_dac_override (FALSE);
}

static inline void
dt_test_readonly_end (const char *dir)
{
  dt_test_set_dac_override (TRUE);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}
