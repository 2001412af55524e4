/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LCP: see dt-ppp-lcp.h.  The option handlers follow RFC 1661 §6; the Auth-Protocol policy
 * is the calling side's: take what the server proposes if the entry allows it, otherwise Nak
 * with the best allowed protocol not yet offered (MS-CHAPv2, CHAP-MD5, EAP, PAP; PAP never
 * when the entry requires encryption), and give up when none is left.  The echo keepalive is
 * in dt-ppp-lcp-echo.c. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-lcp.h"
#include "dt-ppp-lcp-private.h"

enum {
  CI_MRU = 1,
  CI_ACCM = 2,
  CI_AUTH = 3,
  CI_QUALITY = 4,
  CI_MAGIC = 5,
  CI_PFC = 7,
  CI_ACFC = 8,
  CI_CALLBACK = 13,
  CI_MRRU = 17,
  CI_SSN = 18,
  CI_ENDPOINT = 19,
};

/* RFC 1570 2.3's operation for Microsoft's Callback Control Protocol. */
#define CALLBACK_CBCP 6

#define CHAP_MD5      5
#define CHAP_MSCHAPV2 0x81

/* Requests carrying our own magic before we call the line looped back. */
#define LOOPBACK_LIMIT 5


static guint32
new_magic (guint32 avoid)
{
  guint32 m;

  do
    m = g_random_int ();
  while (m == 0 || m == avoid);
  return m;
}

static DtPppAuthMethods
allowed_methods (DtPppLcp *lcp)
{
  DtPppAuthMethods m = lcp->auth_methods;

  if (lcp->require_encryption)
    m &= ~DT_PPP_AUTH_METHOD_PAP;
  return m;
}

static DtPppAuthMethods
method_of (DtPppAuthProtocol proto)
{
  switch (proto)
    {
    case DT_PPP_AUTH_PAP:
      return DT_PPP_AUTH_METHOD_PAP;
    case DT_PPP_AUTH_CHAP_MD5:
      return DT_PPP_AUTH_METHOD_CHAP_MD5;
    case DT_PPP_AUTH_MSCHAPV2:
      return DT_PPP_AUTH_METHOD_MSCHAPV2;
    case DT_PPP_AUTH_EAP:
      return DT_PPP_AUTH_METHOD_EAP;
    case DT_PPP_AUTH_NONE:
    default:
      return 0;
    }
}

/* The authentication protocols, best first: what a calling side proposes in its Naks, and what
 * the authenticator asks a caller for. */
static const DtPppAuthProtocol auth_order[] = {
  DT_PPP_AUTH_MSCHAPV2, DT_PPP_AUTH_CHAP_MD5, DT_PPP_AUTH_PAP,
};

/* As the authenticator: the best protocol of @methods not in @asked, or NONE. */
static DtPppAuthProtocol
next_to_ask (DtPppAuthMethods methods,
             DtPppAuthMethods asked)
{
  for (gsize i = 0; i < G_N_ELEMENTS (auth_order); i++)
    if ((methods & method_of (auth_order[i])) && !(asked & method_of (auth_order[i])))
      return auth_order[i];
  return DT_PPP_AUTH_NONE;
}

/* The protocol an Auth-Protocol option names, or NONE for one we do not speak. */
static DtPppAuthProtocol
parse_auth_option (const guint8 *opt,
                   gsize         olen)
{
  guint16 p;

  if (olen < 4)
    return DT_PPP_AUTH_NONE;
  p = dt_ppp_get16 (opt + 2);
  if (p == DT_PPP_PROTO_PAP && olen == 4)
    return DT_PPP_AUTH_PAP;
  if (p == DT_PPP_PROTO_CHAP && olen == 5 && opt[4] == CHAP_MD5)
    return DT_PPP_AUTH_CHAP_MD5;
  if (p == DT_PPP_PROTO_CHAP && olen == 5 && opt[4] == CHAP_MSCHAPV2)
    return DT_PPP_AUTH_MSCHAPV2;
  return DT_PPP_AUTH_NONE;
}

/* Appends the Auth-Protocol option that asks for @proto. */
static void
append_auth_option (GByteArray        *out,
                    DtPppAuthProtocol  proto)
{
  guint8 opt[5] = { CI_AUTH, 4 };

  if (proto == DT_PPP_AUTH_PAP || proto == DT_PPP_AUTH_EAP)
    dt_ppp_put16 (opt + 2, proto == DT_PPP_AUTH_PAP ? DT_PPP_PROTO_PAP : DT_PPP_PROTO_EAP);
  else
    {
      dt_ppp_put16 (opt + 2, DT_PPP_PROTO_CHAP);
      opt[1] = 5;
      opt[4] = proto == DT_PPP_AUTH_MSCHAPV2 ? CHAP_MSCHAPV2 : CHAP_MD5;
    }
  g_byte_array_append (out, opt, opt[1]);
}

/* Automaton callbacks: options */

static void
lcp_reset_ci (DtPppFsm *fsm)
{
  DtPppLcp *lcp = fsm->protocol_data;

  lcp->go = lcp->want;
  lcp->go.magic = new_magic (0);
  lcp->go.auth = next_to_ask (lcp->serve_methods, 0);
  lcp->auth_asked = method_of (lcp->go.auth);
}

static void
lcp_add_ci (DtPppFsm   *fsm,
            GByteArray *out)
{
  DtPppLcp *lcp = fsm->protocol_data;
  const DtPppLcpOptions *go = &lcp->go;

  if (go->neg_mru)
    {
      g_byte_array_append (out, (const guint8[]) { CI_MRU, 4 }, 2);
      dt_ppp_append16 (out, go->mru);
    }
  if (go->neg_accm)
    {
      g_byte_array_append (out, (const guint8[]) { CI_ACCM, 6 }, 2);
      dt_ppp_append32 (out, go->accm);
    }
  if (go->neg_magic)
    {
      g_byte_array_append (out, (const guint8[]) { CI_MAGIC, 6 }, 2);
      dt_ppp_append32 (out, go->magic);
    }
  if (go->pfc)
    g_byte_array_append (out, (const guint8[]) { CI_PFC, 2 }, 2);
  if (go->acfc)
    g_byte_array_append (out, (const guint8[]) { CI_ACFC, 2 }, 2);
  if (go->neg_callback)
    g_byte_array_append (out, (const guint8[]) { CI_CALLBACK, 3, CALLBACK_CBCP }, 3);
  if (go->auth != DT_PPP_AUTH_NONE)
    append_auth_option (out, go->auth);
  if (go->neg_mrru)
    {
      g_byte_array_append (out, (const guint8[]) { CI_MRRU, 4 }, 2);
      dt_ppp_append16 (out, go->mrru);
    }
  if (go->ssn)
    g_byte_array_append (out, (const guint8[]) { CI_SSN, 2 }, 2);
  if (go->neg_endpoint)
    {
      guint8 head[3] = { CI_ENDPOINT, 3 + go->endpoint_len, go->endpoint_class };

      g_byte_array_append (out, head, 3);
      g_byte_array_append (out, go->endpoint, go->endpoint_len);
    }
}

/* As the authenticator: the caller Nak'd our Auth-Protocol, perhaps suggesting its own.  Its
 * suggestion when we allow it and have not asked for it yet, else our next best; none left
 * means the caller will not authenticate in any way we accept. */
static void
nak_auth (DtPppLcp        *lcp,
          DtPppLcpOptions *try,
          const guint8    *opt,
          gsize            olen)
{
  DtPppAuthProtocol hint = parse_auth_option (opt, olen);
  DtPppAuthProtocol next;

  if (lcp->serve_methods == 0 || try->auth == DT_PPP_AUTH_NONE)
    return;
  if (hint != DT_PPP_AUTH_NONE && (lcp->serve_methods & method_of (hint)) &&
      !(lcp->auth_asked & method_of (hint)))
    next = hint;
  else
    next = next_to_ask (lcp->serve_methods, lcp->auth_asked);
  if (next == DT_PPP_AUTH_NONE)
    {
      lcp->pending = DT_PPP_LCP_FAILURE_NO_AUTH;
      return;
    }
  lcp->auth_asked |= method_of (next);
  try->auth = next;
}

static gboolean
lcp_reject_ci (DtPppLcp     *lcp,
               const guint8 *opts,
               gsize         len)
{
  DtPppLcpOptions try = lcp->go;
  DtPppOptIter it;

  /* A Reject may only list options we asked for; anything else makes it bogus. */
  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it))
    {
      gboolean *flag;

      /* The authenticator cannot do without: a caller that will not authenticate is done. */
      if (it.type == CI_AUTH && try.auth != DT_PPP_AUTH_NONE)
        {
          lcp->pending = DT_PPP_LCP_FAILURE_NO_AUTH;
          continue;
        }
      flag = it.type == CI_MRU ? &try.neg_mru :
             it.type == CI_ACCM ? &try.neg_accm :
             it.type == CI_MAGIC ? &try.neg_magic :
             it.type == CI_PFC ? &try.pfc :
             it.type == CI_ACFC ? &try.acfc :
             it.type == CI_CALLBACK ? &try.neg_callback :
             it.type == CI_MRRU ? &try.neg_mrru :
             it.type == CI_SSN ? &try.ssn :
             it.type == CI_ENDPOINT ? &try.neg_endpoint : NULL;

      if (flag == NULL || !*flag)
        return FALSE;
      *flag = FALSE;
    }
  lcp->go = try;
  return TRUE;
}

static gboolean
lcp_nak_ci (DtPppFsm     *fsm,
            const guint8 *opts,
            gsize         len,
            gboolean      rej)
{
  DtPppLcp *lcp = fsm->protocol_data;
  DtPppLcpOptions try;
  DtPppOptIter it;

  if (rej)
    return lcp_reject_ci (lcp, opts, len);

  try = lcp->go;
  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it))
    {
      switch (it.type)
        {
        case CI_MRU:
          {
            guint16 mru;

            if (it.len != 4)
              return FALSE;
            /* Smaller is always fine; larger only up to what our decoder holds. */
            mru = dt_ppp_get16 (it.opt + 2);
            if (mru >= DT_PPP_MIN_MRU && mru <= MAX (lcp->want.mru, DT_PPP_DEFAULT_MRU))
              {
                try.mru = mru;
                try.neg_mru = TRUE;
              }
            break;
          }
        case CI_ACCM:
          if (it.len != 6)
            return FALSE;
          try.accm |= dt_ppp_get32 (it.opt + 2);
          try.neg_accm = TRUE;
          break;
        case CI_MAGIC:
          /* §6.4: a Nak of our magic number means choosing another. */
          if (it.len != 6)
            return FALSE;
          if (try.neg_magic)
            try.magic = new_magic (dt_ppp_get32 (it.opt + 2));
          break;
        case CI_PFC:
          try.pfc = FALSE;
          break;
        case CI_ACFC:
          try.acfc = FALSE;
          break;
        case CI_CALLBACK:
          /* We speak only CBCP: a server that wants another operation gets none. */
          if (it.len < 3)
            return FALSE;
          if (it.opt[2] != CALLBACK_CBCP)
            try.neg_callback = FALSE;
          break;
        case CI_MRRU:
          /* A smaller MRRU is always fine; a larger one only up to what we asked for. */
          if (it.len != 4)
            return FALSE;
          if (try.neg_mrru && dt_ppp_get16 (it.opt + 2) >= DT_PPP_MIN_MRU &&
              dt_ppp_get16 (it.opt + 2) <= lcp->want.mrru)
            try.mrru = dt_ppp_get16 (it.opt + 2);
          break;
        case CI_SSN:
          /* The peer will not send 12-bit numbers: long ones, then. */
          try.ssn = FALSE;
          break;
        case CI_AUTH:
          nak_auth (lcp, &try, it.opt, it.len);
          break;
        default:
          /* Hints for options we did not ask for (an Auth-Protocol, say): not ours to take. */
          break;
        }
    }
  lcp->go = try;
  return TRUE;
}

/* PAP hands the password over in clear, to whoever answered the call: ask for what the entry
 * allows that is stronger (MS-CHAPv2, then CHAP-MD5), and take PAP only when the server
 * insists.  TRUE when @nak asks for something else. */
static gboolean
nak_pap (DtPppLcp         *lcp,
         DtPppAuthMethods  allowed,
         GByteArray       *nak)
{
  const DtPppAuthProtocol stronger[] = { DT_PPP_AUTH_MSCHAPV2, DT_PPP_AUTH_CHAP_MD5 };

  if (lcp->accept_pap_at_once || lcp->last_chance)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (stronger); i++)
    {
      DtPppAuthMethods m = method_of (stronger[i]);

      if ((allowed & m) && !(lcp->auth_offered & m))
        {
          lcp->auth_offered |= m;
          lcp->pap_nakked = TRUE;
          append_auth_option (nak, stronger[i]);
          return TRUE;
        }
    }
  return FALSE;
}

/* What to say about one of the peer's options: ACK, or NAK with @nak filled, or REJ. */
static guint8
judge_auth (DtPppLcp     *lcp,
            const guint8 *opt,
            gsize         olen,
            GByteArray   *nak)
{
  DtPppAuthMethods allowed = allowed_methods (lcp);
  DtPppAuthProtocol proto = DT_PPP_AUTH_NONE;
  const DtPppAuthProtocol order[] = {
    DT_PPP_AUTH_MSCHAPV2, DT_PPP_AUTH_CHAP_MD5, DT_PPP_AUTH_EAP, DT_PPP_AUTH_PAP,
  };
  guint16 p;

  if (olen < 4)
    return DT_PPP_CONF_REJ;
  p = dt_ppp_get16 (opt + 2);
  if (p == DT_PPP_PROTO_PAP && olen == 4)
    proto = DT_PPP_AUTH_PAP;
  else if (p == DT_PPP_PROTO_CHAP && olen == 5 && opt[4] == CHAP_MD5)
    proto = DT_PPP_AUTH_CHAP_MD5;
  else if (p == DT_PPP_PROTO_CHAP && olen == 5 && opt[4] == CHAP_MSCHAPV2)
    proto = DT_PPP_AUTH_MSCHAPV2;
  else if (p == DT_PPP_PROTO_EAP && olen == 4)
    proto = DT_PPP_AUTH_EAP;

  if (proto != DT_PPP_AUTH_NONE && (allowed & method_of (proto)))
    {
      if (proto == DT_PPP_AUTH_PAP && nak_pap (lcp, allowed, nak))
        return DT_PPP_CONF_NAK;
      lcp->his.auth = proto;
      return DT_PPP_CONF_ACK;
    }

  /* Remember what was refused, in words, for the error the user will read. */
  if (proto != DT_PPP_AUTH_NONE)
    g_strlcpy (lcp->auth_refused, dt_ppp_auth_protocol_get_name (proto), sizeof lcp->auth_refused);
  else if (p == DT_PPP_PROTO_CHAP && olen == 5 && opt[4] == 0x80)
    g_strlcpy (lcp->auth_refused, "MS-CHAP", sizeof lcp->auth_refused);
  else
    g_snprintf (lcp->auth_refused, sizeof lcp->auth_refused, "protocol 0x%04x", p);

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      DtPppAuthMethods m = method_of (order[i]);

      if ((allowed & m) && !(lcp->auth_offered & m))
        {
          lcp->auth_offered |= m;
          append_auth_option (nak, order[i]);
          return DT_PPP_CONF_NAK;
        }
    }
  /* Every allowed protocol was offered and refused, or none is allowed. */
  lcp->pending = DT_PPP_LCP_FAILURE_AUTH_REFUSED;
  return DT_PPP_CONF_REJ;
}

static guint8
judge_magic (DtPppLcp     *lcp,
             const guint8 *opt,
             gsize         olen,
             GByteArray   *nak)
{
  guint32 magic;

  if (olen != 6)
    return DT_PPP_CONF_REJ;
  magic = dt_ppp_get32 (opt + 2);
  if (magic != 0 && !(lcp->go.neg_magic && magic == lcp->go.magic))
    {
      lcp->his.magic = magic;
      lcp->his.neg_magic = TRUE;
      return DT_PPP_CONF_ACK;
    }
  /* Zero is never valid.  Our own number means a loop, or a peer that picked the same: it
   * gets a Nak with another (§6.4), and enough repeats mean a looped-back line.  Our own
   * number changes only when a Nak of it arrives, so that our pending request stays the
   * one an Ack must match. */
  if (magic != 0 && ++lcp->loops >= LOOPBACK_LIMIT)
    lcp->pending = DT_PPP_LCP_FAILURE_LOOPBACK;
  g_byte_array_append (nak, (const guint8[]) { CI_MAGIC, 6 }, 2);
  dt_ppp_append32 (nak, new_magic (lcp->go.magic));
  return DT_PPP_CONF_NAK;
}

/* RFC 1990 §5.1.3: the address lengths each class allows. */
static gboolean
endpoint_valid (const guint8 *opt,
                gsize         olen)
{
  gsize len = olen - 3;

  switch (opt[2])
    {
    case 0:
      return len == 0;
    case 1:
    case 4:
      return len >= 1 && len <= 20;
    case 2:
      return len == 4;
    case 3:
      return len == 6;
    case 5:
      return len >= 1 && len <= 15;
    default:
      return FALSE;
    }
}

/* The multilink options, when we want multilink: an MRRU we can send within (a smaller one
 * than any packet's header and protocol could carry gets a Nak with ours), 12-bit sequence
 * numbers, and a well-formed Endpoint Discriminator. */
static guint8
judge_multilink (DtPppLcp     *lcp,
                 guint8        type,
                 const guint8 *opt,
                 gsize         olen,
                 GByteArray   *nak)
{
  if (!lcp->want.neg_mrru)
    return DT_PPP_CONF_REJ;
  switch (type)
    {
    case CI_MRRU:
      if (olen != 4)
        return DT_PPP_CONF_REJ;
      if (dt_ppp_get16 (opt + 2) < DT_PPP_MIN_MRU)
        {
          g_byte_array_append (nak, (const guint8[]) { CI_MRRU, 4 }, 2);
          dt_ppp_append16 (nak, DT_PPP_DEFAULT_MRU);
          return DT_PPP_CONF_NAK;
        }
      lcp->his.neg_mrru = TRUE;
      lcp->his.mrru = dt_ppp_get16 (opt + 2);
      return DT_PPP_CONF_ACK;
    case CI_SSN:
      if (olen != 2)
        return DT_PPP_CONF_REJ;
      lcp->his.ssn = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_ENDPOINT:
    default:
      if (olen < 3 || olen > 3 + sizeof lcp->his.endpoint || !endpoint_valid (opt, olen))
        return DT_PPP_CONF_REJ;
      lcp->his.neg_endpoint = TRUE;
      lcp->his.endpoint_class = opt[2];
      lcp->his.endpoint_len = olen - 3;
      memcpy (lcp->his.endpoint, opt + 3, olen - 3);
      return DT_PPP_CONF_ACK;
    }
}

static guint8
judge_option (DtPppLcp     *lcp,
              guint8        type,
              const guint8 *opt,
              gsize         olen,
              GByteArray   *nak)
{
  switch (type)
    {
    case CI_MRU:
      if (olen != 4)
        return DT_PPP_CONF_REJ;
      if (dt_ppp_get16 (opt + 2) < DT_PPP_MIN_MRU)
        {
          g_byte_array_append (nak, (const guint8[]) { CI_MRU, 4 }, 2);
          dt_ppp_append16 (nak, DT_PPP_MIN_MRU);
          return DT_PPP_CONF_NAK;
        }
      lcp->his.mru = dt_ppp_get16 (opt + 2);
      lcp->his.neg_mru = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_ACCM:
      if (olen != 6)
        return DT_PPP_CONF_REJ;
      lcp->his.accm = dt_ppp_get32 (opt + 2);
      lcp->his.neg_accm = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_AUTH:
      /* The authenticator authenticates no one to a caller. */
      if (lcp->serve_methods != 0)
        return DT_PPP_CONF_REJ;
      return judge_auth (lcp, opt, olen, nak);
    case CI_CALLBACK:
      if (lcp->serve_methods == 0 || !lcp->serve_callback || olen != 3 ||
          opt[2] != CALLBACK_CBCP)
        return DT_PPP_CONF_REJ;
      lcp->his.neg_callback = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_MAGIC:
      return judge_magic (lcp, opt, olen, nak);
    case CI_PFC:
      if (olen != 2)
        return DT_PPP_CONF_REJ;
      lcp->his.pfc = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_ACFC:
      if (olen != 2)
        return DT_PPP_CONF_REJ;
      lcp->his.acfc = TRUE;
      return DT_PPP_CONF_ACK;
    case CI_MRRU:
    case CI_SSN:
    case CI_ENDPOINT:
      return judge_multilink (lcp, type, opt, olen, nak);
    default:
      /* Quality-Protocol, Callback and the rest: not spoken here. */
      return DT_PPP_CONF_REJ;
    }
}

typedef struct {
  DtPppLcp *lcp;
  gboolean  auth_asked;
} LcpJudging;

static guint8
lcp_judge (gpointer      data,
           guint8        type,
           const guint8 *opt,
           gsize         olen,
           gboolean      last_chance,
           GByteArray   *nak)
{
  LcpJudging *j = data;
  guint8 verdict = judge_option (j->lcp, type, opt, olen, nak);

  j->auth_asked |= type == CI_AUTH;
  if (verdict == DT_PPP_CONF_NAK && last_chance && type == CI_AUTH)
    j->lcp->pending = DT_PPP_LCP_FAILURE_AUTH_REFUSED;
  return verdict;
}

static guint8
lcp_req_ci (DtPppFsm     *fsm,
            const guint8 *opts,
            gsize         len,
            gboolean      reject_if_disagree,
            GByteArray   *reply)
{
  LcpJudging j = { fsm->protocol_data, FALSE };
  guint8 code;

  memset (&j.lcp->his, 0, sizeof j.lcp->his);
  j.lcp->last_chance = reject_if_disagree;
  code = dt_ppp_opts_judge_request (opts, len, reject_if_disagree, lcp_judge, &j, reply);
  if (j.lcp->pap_nakked && !j.auth_asked)
    j.lcp->pap_dropped = TRUE;
  return code;
}

/* Automaton callbacks: layer actions */

/* Gives up with @failure: Terminate-Request with @text, then the automaton's course. */
void
_dt_ppp_lcp_fail (DtPppLcp        *lcp,
                  DtPppLcpFailure  failure,
                  const char      *text)
{
  g_assert (lcp != NULL);

  if (lcp->failure == DT_PPP_LCP_FAILURE_NONE)
    {
      lcp->failure = failure;
      lcp->failure_text = g_strdup (text);
    }
  _dt_ppp_lcp_stop_echo (lcp);
  if (lcp->owner->failed != NULL)
    lcp->owner->failed (lcp, lcp->owner_data);
  dt_ppp_fsm_close (&lcp->fsm, DT_PPP_FSM_REASON_PROTOCOL, text);
}

static void
lcp_up (DtPppFsm *fsm)
{
  DtPppLcp *lcp = fsm->protocol_data;

  lcp->loops = 0;
  lcp->auth_offered = 0;
  lcp->echo_unanswered = 0;
  fsm->peer_mru = lcp->his.neg_mru ? lcp->his.mru : DT_PPP_DEFAULT_MRU;
  _dt_ppp_lcp_start_echo (lcp);
  if (lcp->owner->up != NULL)
    lcp->owner->up (lcp, lcp->owner_data);
}

static void
lcp_down (DtPppFsm *fsm)
{
  DtPppLcp *lcp = fsm->protocol_data;

  _dt_ppp_lcp_stop_echo (lcp);
  fsm->peer_mru = DT_PPP_DEFAULT_MRU;
  if (lcp->owner->down != NULL)
    lcp->owner->down (lcp, lcp->owner_data);
}

static void
lcp_finished (DtPppFsm *fsm)
{
  DtPppLcp *lcp = fsm->protocol_data;

  _dt_ppp_lcp_stop_echo (lcp);
  if (lcp->owner->finished != NULL)
    lcp->owner->finished (lcp, lcp->owner_data);
}

static gboolean
lcp_prot_rej (DtPppFsm *fsm,
              guint16   protocol)
{
  DtPppLcp *lcp = fsm->protocol_data;

  if (protocol == DT_PPP_PROTO_LCP)
    return TRUE;
  if (lcp->owner->protocol_rejected != NULL)
    lcp->owner->protocol_rejected (lcp, protocol, lcp->owner_data);
  return FALSE;
}

static void
lcp_rxr (DtPppFsm     *fsm,
         guint8        code,
         guint8        id,
         const guint8 *data,
         gsize         len)
{
  DtPppLcp *lcp = fsm->protocol_data;

  if (code != DT_PPP_ECHO_REP)
    return;   /* Discard-Request: discarded */
  /* Our own magic coming back is a loop, not an answer. */
  if (lcp->go.neg_magic && dt_ppp_get32 (data) == lcp->go.magic)
    return;
  lcp->echo_unanswered = 0;
  lcp->echoes_answered++;
}

static guint32
lcp_magic (DtPppFsm *fsm)
{
  DtPppLcp *lcp = fsm->protocol_data;

  return lcp->go.neg_magic ? lcp->go.magic : 0;
}

static void
lcp_code_rej (DtPppFsm *fsm,
              guint8    code)
{
  DtPppLcp *lcp = fsm->protocol_data;

  /* A peer without Echo cannot be watched that way; the modem's carrier still can. */
  if (code == DT_PPP_ECHO_REQ)
    {
      lcp->echo_refused = TRUE;
      _dt_ppp_lcp_stop_echo (lcp);
    }
}

static const DtPppFsmCallbacks lcp_callbacks = {
  .name = "LCP",
  .protocol = DT_PPP_PROTO_LCP,
  .lcp_codes = TRUE,
  .reset_ci = lcp_reset_ci,
  .add_ci = lcp_add_ci,
  .ack_ci = dt_ppp_fsm_ack_repeats_request,
  .nak_ci = lcp_nak_ci,
  .req_ci = lcp_req_ci,
  .up = lcp_up,
  .down = lcp_down,
  .finished = lcp_finished,
  .prot_rej = lcp_prot_rej,
  .rxr = lcp_rxr,
  .magic = lcp_magic,
  .code_rej = lcp_code_rej,
};

/* Public */

void
dt_ppp_lcp_init (DtPppLcp            *lcp,
                 const DtPppLcpOwner *owner,
                 gpointer             owner_data)
{
  g_return_if_fail (lcp != NULL);
  g_return_if_fail (owner != NULL);

  memset (lcp, 0, sizeof *lcp);
  dt_ppp_fsm_init (&lcp->fsm, &lcp_callbacks, lcp);
  lcp->fsm.resend_on_first_request = TRUE;
  lcp->owner = owner;
  lcp->owner_data = owner_data;
  dt_ppp_lcp_configure (lcp, 0, 0, DT_PPP_AUTH_METHODS_ALL, FALSE, 0, 0);
}

void
dt_ppp_lcp_clear (DtPppLcp *lcp)
{
  g_return_if_fail (lcp != NULL);

  _dt_ppp_lcp_stop_echo (lcp);
  dt_ppp_fsm_clear (&lcp->fsm);
  g_clear_pointer (&lcp->failure_text, g_free);
}

void
dt_ppp_lcp_configure (DtPppLcp      *lcp,
                      guint          mru,
                      guint32        accm,
                      DtPppAuthMethods  auth_methods,
                      gboolean       require_encryption,
                      guint          echo_interval_ms,
                      guint          echo_failures)
{
  g_return_if_fail (lcp != NULL);

  memset (&lcp->want, 0, sizeof lcp->want);
  lcp->want.mru = mru != 0 ? CLAMP (mru, DT_PPP_MIN_MRU, DT_PPP_MAX_MRU) : DT_PPP_DEFAULT_MRU;
  lcp->want.neg_mru = TRUE;
  lcp->want.accm = accm;
  lcp->want.neg_accm = TRUE;
  lcp->want.neg_magic = TRUE;
  lcp->want.pfc = TRUE;
  lcp->want.acfc = TRUE;
  lcp->go = lcp->want;
  lcp->auth_methods = auth_methods;
  lcp->require_encryption = require_encryption;
  lcp->echo_interval_ms = echo_interval_ms;
  lcp->echo_failures = echo_failures;
}

void
dt_ppp_lcp_input (DtPppLcp     *lcp,
                  const guint8 *packet,
                  gsize         len)
{
  DtPppLcpFailure pending;

  g_return_if_fail (lcp != NULL);

  lcp->pending = DT_PPP_LCP_FAILURE_NONE;
  dt_ppp_fsm_input (&lcp->fsm, packet, len);
  pending = lcp->pending;
  lcp->pending = DT_PPP_LCP_FAILURE_NONE;

  if (pending == DT_PPP_LCP_FAILURE_LOOPBACK)
    _dt_ppp_lcp_fail (lcp, pending, "The line appears to be looped back");
  else if (pending == DT_PPP_LCP_FAILURE_NO_AUTH)
    _dt_ppp_lcp_fail (lcp, pending, "The caller refused to authenticate");
  else if (pending == DT_PPP_LCP_FAILURE_AUTH_REFUSED)
    {
      g_autofree char *text = g_strdup_printf ("The server requires %s authentication",
                                               lcp->auth_refused);

      _dt_ppp_lcp_fail (lcp, pending, text);
    }
}

/* RFC 1661 §5.7: only in Opened, quoting the rejected information field as far as the
 * peer's MRU allows. */
void
dt_ppp_lcp_send_protocol_reject (DtPppLcp     *lcp,
                                 guint16       protocol,
                                 const guint8 *info,
                                 gsize         len)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();

  g_return_if_fail (lcp != NULL);

  if (lcp->fsm.state != DT_PPP_FSM_OPENED)
    return;
  dt_ppp_append16 (data, protocol);
  g_byte_array_append (data, info, len);
  dt_ppp_fsm_send_packet (&lcp->fsm, DT_PPP_PROT_REJ, ++lcp->fsm.id, data->data, data->len);
}

void
dt_ppp_lcp_set_callback (DtPppLcp *lcp,
                         gboolean  want)
{
  g_return_if_fail (lcp != NULL);

  lcp->want.neg_callback = !!want;
  lcp->go.neg_callback = !!want;
}

void
dt_ppp_lcp_set_multilink (DtPppLcp     *lcp,
                          guint         mrru,
                          gboolean      short_seq,
                          const guint8 *endpoint,
                          gsize         endpoint_len)
{
  g_return_if_fail (lcp != NULL);
  g_return_if_fail (endpoint_len <= sizeof lcp->want.endpoint);

  lcp->want.neg_mrru = mrru != 0;
  lcp->want.mrru = mrru != 0 ? CLAMP (mrru, DT_PPP_MIN_MRU, DT_PPP_MAX_MRU) : 0;
  lcp->want.ssn = mrru != 0 && short_seq;
  lcp->want.neg_endpoint = mrru != 0 && endpoint_len > 0;
  lcp->want.endpoint_class = 1;
  lcp->want.endpoint_len = endpoint_len;
  if (endpoint_len > 0)
    memcpy (lcp->want.endpoint, endpoint, endpoint_len);
  lcp->go.neg_mrru = lcp->want.neg_mrru;
  lcp->go.mrru = lcp->want.mrru;
  lcp->go.ssn = lcp->want.ssn;
  lcp->go.neg_endpoint = lcp->want.neg_endpoint;
  lcp->go.endpoint_class = lcp->want.endpoint_class;
  lcp->go.endpoint_len = lcp->want.endpoint_len;
  memcpy (lcp->go.endpoint, lcp->want.endpoint, sizeof lcp->go.endpoint);
}

gboolean
dt_ppp_lcp_multilink (const DtPppLcp *lcp)
{
  g_return_val_if_fail (lcp != NULL, FALSE);
  return lcp->fsm.state == DT_PPP_FSM_OPENED && lcp->go.neg_mrru && lcp->his.neg_mrru;
}

void
dt_ppp_lcp_set_authenticator (DtPppLcp         *lcp,
                              DtPppAuthMethods  methods,
                              gboolean          callback)
{
  g_return_if_fail (lcp != NULL);

  lcp->serve_methods = methods & DT_PPP_AUTH_METHODS_ALL;
  lcp->serve_callback = !!callback;
  lcp->go.auth = next_to_ask (lcp->serve_methods, 0);
  lcp->auth_asked = method_of (lcp->go.auth);
  /* The early retransmission is the caller's (a server whose PPP starts after CONNECT
   * missed its first request).  From the authenticator it would cross the caller's Nak of
   * our Auth-Protocol, and reach it as a request insisting on the method it just refused,
   * which a caller may take for a refusal (Dialtone's own caller does). */
  lcp->fsm.resend_on_first_request = FALSE;
}
