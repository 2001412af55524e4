/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Freeing a password held in ordinary memory (one typed, read from a file or copied out of
 * the keyring): it is overwritten with zeros first, so that it does not linger in freed
 * memory.  GLib only: the engine, the CLI and the UI use it too. */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Overwrites the string @secret with zeros and frees it.  NULL is fine. */
static inline void
dt_wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

G_END_DECLS
