/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemQuery: "Query Modem", as Windows has it.  Opens a port under its lock and asks the
 * modem who it is (ATI, ATI3, ATI4, AT+GMI, AT+GMM, AT+GMR, AT+FCLASS=?), each with a short
 * timeout and errors tolerated, then sums the answers up in one line: "U.S. Robotics 56K FAX
 * EXT, data and fax".  Bounded to a few seconds, cancellable, and it leaves the port as it
 * found it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DT_MODEM_QUERY_OK,          /* the modem answered, then OK */
  DT_MODEM_QUERY_ERROR,       /* ERROR (the modem does not know the command) */
  DT_MODEM_QUERY_NO_ANSWER,   /* nothing, or nothing that ended in OK or ERROR, in time */
} DtModemQueryStatus;

typedef struct {
  char *command;              /* "ATI3" */
  DtModemQueryStatus status;
  char *text;                 /* the answer's lines, joined by "\n", echo and result removed */
} DtModemQueryAnswer;

/* Each command's wait for its final result, and the whole query's. */
#define DT_MODEM_QUERY_COMMAND_TIMEOUT_MS 1000
#define DT_MODEM_QUERY_TIMEOUT_MS 6000

#define DT_TYPE_MODEM_QUERY (dt_modem_query_get_type ())

G_DECLARE_FINAL_TYPE (DtModemQuery, dt_modem_query, DT, MODEM_QUERY, GObject)

DtModemQuery *dt_modem_query_new              (const char          *device,
                                               const char          *lock_dir,
                                               guint                speed);
void          dt_modem_query_set_timeouts     (DtModemQuery        *self,
                                               guint                command_ms,
                                               guint                total_ms);

void          dt_modem_query_run_async        (DtModemQuery        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      dt_modem_query_run_finish       (DtModemQuery        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

const char   *dt_modem_query_get_device       (DtModemQuery        *self);
GPtrArray    *dt_modem_query_get_answers      (DtModemQuery        *self);
const char   *dt_modem_query_get_summary      (DtModemQuery        *self);

const char * const *dt_modem_query_commands   (void);
char         *dt_modem_query_summarize        (GPtrArray           *answers);
void          dt_modem_query_answer_free      (DtModemQueryAnswer  *answer);

G_END_DECLS
