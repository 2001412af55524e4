/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RAS error table: each code Dialtone reports, with the message a user reads after
 * "Error NNN:".  The wording follows RasGetErrorString where it is clear, and plain words
 * where it is not. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-error.h"

G_DEFINE_QUARK (dt-ras-error-quark, dt_ras_error)

typedef struct {
  guint code;
  const char *message;
} ErrorInfo;

static const ErrorInfo errors[] = {
  { 619, N_("The port was disconnected: the connection to the remote computer could not be kept up.") },
  { 628, N_("The connection was closed.") },
  { 629, N_("The connection was closed by the remote computer.") },
  { 630, N_("The modem was disconnected because of a hardware failure.") },
  { 631, N_("The connection was closed by the user.") },
  { 633, N_("The modem is already in use or is not configured for dialing out.") },
  { 638, N_("The request has timed out.") },
  { 646, N_("The account is not permitted to log on at this time of day.") },
  { 647, N_("The account is disabled.") },
  { 648, N_("The password for this account has expired.") },
  { 649, N_("The account does not have permission to dial in.") },
  { 651, N_("The modem reported an error.") },
  { 676, N_("The line is busy.") },
  { 677, N_("A person answered instead of a modem.") },
  { 678, N_("There was no answer.") },
  { 679, N_("The modem could not detect a carrier.") },
  { 680, N_("There was no dial tone.") },
  { 681, N_("The modem reported a general error.") },
  { 691, N_("Access was denied because the user name or password is not valid.") },
  { 692, N_("There was a hardware failure in the modem, or it is not responding.") },
  { 703, N_("The connection needs information from you, but no one is there to give it.") },
  { 704, N_("The callback number is not valid.") },
  { 709, N_("There was an error changing the password.") },
  { 718, N_("The connection was closed because the remote computer did not respond in time.") },
  { 719, N_("The connection was closed by the remote computer.") },
  { 720, N_("No network protocols could be agreed with the remote computer. Check the connection's network settings.") },
  { 734, N_("The PPP link control protocol was terminated.") },
  { 778, N_("The server could not prove it knows your password; it may not be your provider.") },
};

static guint error_codes[G_N_ELEMENTS (errors)];

/* Returns the message for a RAS @code in the user's language, or NULL for an unknown code. */
const char *
dt_ras_error_get_message (guint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    if (errors[i].code == code)
      return _(errors[i].message);
  return NULL;
}

/* Every code the table knows, in ascending order. */
const guint *
dt_ras_error_list (gsize *n_codes)
{
  if (error_codes[0] == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
      error_codes[i] = errors[i].code;
  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (errors);
  return error_codes;
}

/* "Error 691: Access was denied…", as a dialog or the CLI shows it. */
char *
dt_ras_error_format (guint code)
{
  const char *message = dt_ras_error_get_message (code);

  if (message == NULL)
    return g_strdup_printf (_("Error %u"), code);
  /* TRANSLATORS: "Error 691: Access was denied…" */
  return g_strdup_printf (_("Error %u: %s"), code, message);
}
