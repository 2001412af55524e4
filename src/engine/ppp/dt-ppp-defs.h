/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers that every part of the PPP engine shares: the protocol field values (RFC 1700 and
 * the PPP registry), the control-protocol packet codes of RFC 1661 §5, and big-endian
 * helpers for reading and writing packets.  The helpers never read past a length their
 * caller has already checked. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Protocol field values. */
#define DT_PPP_PROTO_IP      0x0021
#define DT_PPP_PROTO_MP      0x003d   /* the multilink protocol (RFC 1990) */
#define DT_PPP_PROTO_IPV6    0x0057
#define DT_PPP_PROTO_IPCP    0x8021
#define DT_PPP_PROTO_IPV6CP  0x8057
#define DT_PPP_PROTO_CCP     0x80fd
#define DT_PPP_PROTO_LCP     0xc021
#define DT_PPP_PROTO_PAP     0xc023
#define DT_PPP_PROTO_LQR     0xc025
#define DT_PPP_PROTO_CHAP    0xc223
#define DT_PPP_PROTO_EAP     0xc227
#define DT_PPP_PROTO_CBCP    0xc029   /* Microsoft's Callback Control Protocol */

/* Control-protocol codes (RFC 1661 §5); 8..11 are LCP's own. */
enum {
  DT_PPP_CONF_REQ = 1,
  DT_PPP_CONF_ACK = 2,
  DT_PPP_CONF_NAK = 3,
  DT_PPP_CONF_REJ = 4,
  DT_PPP_TERM_REQ = 5,
  DT_PPP_TERM_ACK = 6,
  DT_PPP_CODE_REJ = 7,
  DT_PPP_PROT_REJ = 8,
  DT_PPP_ECHO_REQ = 9,
  DT_PPP_ECHO_REP = 10,
  DT_PPP_DISC_REQ = 11,
};

/* The authentication protocols a session may agree to use.  The bits are those of DtEntry's
 * DtAuthMethods (PAP, CHAP, MS-CHAPv2), so that one converts to the other by a cast; the PPP
 * engine keeps its own type so that it needs nothing from the phonebook. */
typedef enum {
  DT_PPP_AUTH_METHOD_PAP = 1 << 0,
  DT_PPP_AUTH_METHOD_CHAP_MD5 = 1 << 1,
  DT_PPP_AUTH_METHOD_MSCHAPV2 = 1 << 2,
  DT_PPP_AUTH_METHOD_EAP = 1 << 3,
} DtPppAuthMethods;

/* What EAP asks the user for (the "eap-prompt" signal). */
typedef enum {
  DT_PPP_EAP_PROMPT_NONE,
  DT_PPP_EAP_PROMPT_IDENTITY,   /* the user name: no secret */
  DT_PPP_EAP_PROMPT_PASSWORD,   /* MD5-Challenge's password */
  DT_PPP_EAP_PROMPT_TOKEN,      /* a one-time password or token card code */
} DtPppEapPrompt;

#define DT_PPP_AUTH_METHODS_ALL \
  (DT_PPP_AUTH_METHOD_PAP | DT_PPP_AUTH_METHOD_CHAP_MD5 | DT_PPP_AUTH_METHOD_MSCHAPV2 | \
   DT_PPP_AUTH_METHOD_EAP)

/* The callback types of Microsoft's CBCP ([MS-CBCP] 2.2.3): what a server offers in its
 * Callback-Request and the caller picks one of. */
typedef enum {
  DT_PPP_CALLBACK_NONE = 1,    /* no callback: the call goes on */
  DT_PPP_CALLBACK_USER = 2,    /* call back the number the caller gives */
  DT_PPP_CALLBACK_ADMIN = 3,   /* call back the number the server's administrator set */
} DtPppCallbackType;

/* A set of offered types, as the "callback-requested" signal carries it. */
#define DT_PPP_CALLBACK_OFFER(type) (1u << (type))

/* Code, identifier and a two-byte length. */
#define DT_PPP_HEADER_LEN 4

/* The MRU every implementation accepts before (and regardless of) negotiation. */
#define DT_PPP_DEFAULT_MRU 1500
/* The smallest MRU we agree to (pppd's MINMRU). */
#define DT_PPP_MIN_MRU 128
/* The largest MRU we ask for or accept (pppd's MAXMRU). */
#define DT_PPP_MAX_MRU 16384

static inline guint16
dt_ppp_get16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static inline guint32
dt_ppp_get32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline void
dt_ppp_put16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static inline void
dt_ppp_put32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static inline void
dt_ppp_append16 (GByteArray *a, guint16 v)
{
  guint8 b[2];

  dt_ppp_put16 (b, v);
  g_byte_array_append (a, b, 2);
}

static inline void
dt_ppp_append32 (GByteArray *a, guint32 v)
{
  guint8 b[4];

  dt_ppp_put32 (b, v);
  g_byte_array_append (a, b, 4);
}

G_END_DECLS
