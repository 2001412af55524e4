/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone: the desktop application's entry point. */

#include "config.h"

#include "dt-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (DtApplication) app = NULL;

  dt_application_bind_textdomain ();

  app = dt_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
