/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CBCP as the server runs it ([MS-CBCP] 3.2), for incoming calls: once the caller is
 * authenticated (and LCP agreed on the Callback option with operation 6), the server sends a
 * Callback-Request offering what the caller's account allows (no callback; a number the caller
 * gives; the number the administrator set), takes the caller's Callback-Response, and confirms
 * it with a Callback-Ack that repeats it.  The Request goes again every restart period until
 * a Response comes, a bounded number of times.  No I/O: packets go out through the owner.
 * The parser checks every length before reading and keeps only a bounded number. */
#pragma once

#include <glib.h>

#include "dt-ppp-cbcp.h"

G_BEGIN_DECLS

typedef struct _DtPppCbcpServer DtPppCbcpServer;

typedef struct {
  /* The caller chose @type (one offered); @number is its own for DT_PPP_CALLBACK_USER, else
   * NULL.  The Ack is out. */
  void (*agreed) (DtPppCbcpServer *server, gpointer data);
  /* No acceptable Response came in time. */
  void (*failed) (DtPppCbcpServer *server, gpointer data);
  /* The caller gave a number that is not one to dial (dt_ppp_cbcp_number_is_dialable()): no
   * Ack went out, and @number is in server->choice.  The owner ends the link, as a RAS
   * server does. */
  void (*refused) (DtPppCbcpServer *server, gpointer data);
  void (*send)   (DtPppCbcpServer *server, const guint8 *packet, gsize len, gpointer data);
} DtPppCbcpServerOwner;

/* What a Callback-Response says: the one option a caller sends. */
typedef struct {
  DtPppCallbackType type;
  guint8            delay;
  char              number[DT_PPP_CBCP_MAX_NUMBER + 1];   /* type 2 only, else "" */
} DtPppCbcpChoice;

/* Parses the options of a Callback-Response: exactly one Callback Configuration option of
 * type 1, 2 (with a printable, NUL-terminated number that fits) or 3.  FALSE otherwise. */
gboolean dt_ppp_cbcp_parse_response (const guint8     *data,
                                     gsize             len,
                                     DtPppCbcpChoice  *choice);

typedef enum {
  DT_PPP_CBCP_SERVER_INITIAL,
  DT_PPP_CBCP_SERVER_REQUESTED,   /* the Request is out */
  DT_PPP_CBCP_SERVER_AGREED,      /* the Ack is out */
  DT_PPP_CBCP_SERVER_FAILED,
  DT_PPP_CBCP_SERVER_REFUSED,     /* the caller's number is not one to dial */
} DtPppCbcpServerState;

struct _DtPppCbcpServer {
  const DtPppCbcpServerOwner *owner;
  gpointer                    owner_data;

  DtPppCbcpServerState        state;
  guint                       offered;     /* DT_PPP_CALLBACK_OFFER() bits */
  guint8                      delay;       /* s before the call back */
  guint8                      id;
  guint                       restart_ms;
  guint                       max_requests;
  guint                       requests;
  guint                       timer;
  DtPppCbcpChoice             choice;
  guint8                      ack[4 + 4 + DT_PPP_CBCP_MAX_NUMBER + 1];
  gsize                       ack_len;
  guint                       resends;

  DtPppCbcpStats              stats;
};

void     dt_ppp_cbcp_server_init  (DtPppCbcpServer            *server,
                                   const DtPppCbcpServerOwner *owner,
                                   gpointer                    owner_data);
void     dt_ppp_cbcp_server_clear (DtPppCbcpServer            *server);
/* Sends the first Callback-Request, offering @offered (DT_PPP_CALLBACK_OFFER() bits), with
 * @delay seconds; again every @restart_ms, @max_requests times in all. */
void     dt_ppp_cbcp_server_start (DtPppCbcpServer            *server,
                                   guint                       offered,
                                   guint8                      delay,
                                   guint                       restart_ms,
                                   guint                       max_requests);
void     dt_ppp_cbcp_server_stop  (DtPppCbcpServer            *server);
void     dt_ppp_cbcp_server_input (DtPppCbcpServer            *server,
                                   const guint8               *packet,
                                   gsize                       len);

G_END_DECLS
