/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialinUser: one account that may dial in to this computer (Incoming Connections): its
 * name, whether it is enabled, and whether the caller is called back.  The password is in
 * the keyring (dt-dialin-secrets.h), never here. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DT_DIALIN_CALLBACK_NONE,     /* no callback */
  DT_DIALIN_CALLBACK_CALLER,   /* the caller may give a number to be called back at */
  DT_DIALIN_CALLBACK_PRESET,   /* always call back the account's number (security) */
} DtDialinCallback;

#define DT_TYPE_DIALIN_USER (dt_dialin_user_get_type ())
G_DECLARE_FINAL_TYPE (DtDialinUser, dt_dialin_user, DT, DIALIN_USER, GObject)

/* Properties (read-write, notify): "name", "enabled", "callback" (DtDialinCallback as a
 * guint), "callback-number". */
DtDialinUser     *dt_dialin_user_new                 (const char       *name);
const char       *dt_dialin_user_get_name            (DtDialinUser     *self);
gboolean          dt_dialin_user_get_enabled         (DtDialinUser     *self);
void              dt_dialin_user_set_enabled         (DtDialinUser     *self,
                                                      gboolean          enabled);
DtDialinCallback  dt_dialin_user_get_callback        (DtDialinUser     *self);
void              dt_dialin_user_set_callback        (DtDialinUser     *self,
                                                      DtDialinCallback  callback);
const char       *dt_dialin_user_get_callback_number (DtDialinUser     *self);
void              dt_dialin_user_set_callback_number (DtDialinUser     *self,
                                                      const char       *number);

/* A user name a caller can send and the keyring can hold: 1 to 64 printable characters,
 * no backslash (a domain separator) and no space at either end.  FALSE with a sentence. */
gboolean          dt_dialin_user_name_is_valid       (const char       *name,
                                                      char            **reason);
/* A number to call back: digits and the dialing characters, at least one digit. */
gboolean          dt_dialin_callback_number_is_valid (const char       *number);
const char       *dt_dialin_callback_to_string       (DtDialinCallback  callback);
gboolean          dt_dialin_callback_from_string     (const char       *text,
                                                      DtDialinCallback *callback);

G_END_DECLS
