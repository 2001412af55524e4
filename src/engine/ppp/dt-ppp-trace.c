/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pppd-style packet trace: one bracketed line per control packet, in pppd's own words, so
 * that anyone who has read a pppd debug log can read ours, e.g.
 *   [LCP ConfReq id=0x1 <mru 1500> <asyncmap 0x0> <magic 0x1234abcd> <pcomp> <accomp>]
 *   [IPCP ConfNak id=0x1 <addr 10.64.0.11> <ms-dns1 10.0.0.1>]
 * PAP and CHAP go to dt_ppp_auth_describe_packet(), which hides every secret, and CBCP to
 * dt_ppp_cbcp_describe_packet().  Every length is checked before a byte is read: the trace
 * sees hostile packets first. */

#include "config.h"

#include <string.h>

#include "dt-ppp-auth.h"
#include "dt-ppp-cbcp.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-ipv6cp.h"
#include "dt-ppp-trace.h"

/* Longest run of raw bytes printed before "..." */
#define MAX_HEX 32

static const char *code_names[] = {
  NULL, "ConfReq", "ConfAck", "ConfNak", "ConfRej", "TermReq", "TermAck", "CodeRej", "ProtRej",
  "EchoReq", "EchoRep", "DiscReq",
};

static void
append_hex (GString      *s,
            const guint8 *p,
            gsize         len)
{
  for (gsize i = 0; i < MIN (len, MAX_HEX); i++)
    g_string_append_printf (s, "%s%02x", i ? " " : "", p[i]);
  if (len > MAX_HEX)
    g_string_append (s, " ...");
}

static void
append_text (GString      *s,
             const guint8 *p,
             gsize         len)
{
  g_string_append_c (s, '"');
  for (gsize i = 0; i < MIN (len, 128); i++)
    {
      if (p[i] == '"' || p[i] == '\\')
        g_string_append_printf (s, "\\%c", p[i]);
      else if (p[i] >= ' ' && p[i] <= '~')
        g_string_append_c (s, p[i]);
      else
        g_string_append_printf (s, "\\%03o", p[i]);
    }
  if (len > 128)
    g_string_append (s, "...");
  g_string_append_c (s, '"');
}

static void
append_addr (GString      *s,
             const char   *name,
             const guint8 *p)
{
  g_string_append_printf (s, "%s %u.%u.%u.%u", name, p[0], p[1], p[2], p[3]);
}

/* One LCP option, without its brackets; FALSE if unknown or of a wrong length. */
static gboolean
describe_lcp_option (GString      *s,
                     const guint8 *o,
                     gsize         len)
{
  switch (o[0])
    {
    case 1:
      if (len != 4)
        return FALSE;
      g_string_append_printf (s, "mru %u", dt_ppp_get16 (o + 2));
      return TRUE;
    case 2:
      if (len != 6)
        return FALSE;
      g_string_append_printf (s, "asyncmap 0x%x", dt_ppp_get32 (o + 2));
      return TRUE;
    case 3:
      if (len == 4 && dt_ppp_get16 (o + 2) == DT_PPP_PROTO_PAP)
        g_string_append (s, "auth pap");
      else if (len == 5 && dt_ppp_get16 (o + 2) == DT_PPP_PROTO_CHAP && o[4] == 5)
        g_string_append (s, "auth chap MD5");
      else if (len == 5 && dt_ppp_get16 (o + 2) == DT_PPP_PROTO_CHAP && o[4] == 0x80)
        g_string_append (s, "auth chap MS");
      else if (len == 5 && dt_ppp_get16 (o + 2) == DT_PPP_PROTO_CHAP && o[4] == 0x81)
        g_string_append (s, "auth chap MS-v2");
      else if (len == 5 && dt_ppp_get16 (o + 2) == DT_PPP_PROTO_CHAP)
        g_string_append_printf (s, "auth chap %x", o[4]);
      else if (len >= 4 && dt_ppp_get16 (o + 2) == 0xc227)
        g_string_append (s, "auth eap");
      else
        return FALSE;
      return TRUE;
    case 4:
      if (len < 4)
        return FALSE;
      g_string_append_printf (s, "quality 0x%x", dt_ppp_get16 (o + 2));
      return TRUE;
    case 5:
      if (len != 6)
        return FALSE;
      g_string_append_printf (s, "magic 0x%x", dt_ppp_get32 (o + 2));
      return TRUE;
    case 7:
      g_string_append (s, "pcomp");
      return len == 2;
    case 8:
      g_string_append (s, "accomp");
      return len == 2;
    case 13:
      /* RFC 1570 2.3: the operation, then a message; 6 is Microsoft's CBCP. */
      if (len < 3)
        return FALSE;
      if (o[2] == 6)
        g_string_append (s, "callback CBCP");
      else
        g_string_append_printf (s, "callback 0x%x", o[2]);
      return TRUE;
    case 17:
      if (len != 4)
        return FALSE;
      g_string_append_printf (s, "mrru %u", dt_ppp_get16 (o + 2));
      return TRUE;
    case 18:
      g_string_append (s, "ssnhf");
      return len == 2;
    case 19:
      /* pppd's words for the classes it knows; the address in hex. */
      if (len < 3)
        return FALSE;
      g_string_append_printf (s, "endpoint [%s:", o[2] == 0 ? "null" : o[2] == 1 ? "local"
                                                 : o[2] == 2 ? "IP" : o[2] == 3 ? "MAC"
                                                 : o[2] == 4 ? "magic" : o[2] == 5 ? "phone"
                                                 : "?");
      for (gsize i = 3; i < len; i++)
        g_string_append_printf (s, "%02x", o[i]);
      g_string_append_c (s, ']');
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
describe_ipcp_option (GString      *s,
                      const guint8 *o,
                      gsize         len)
{
  switch (o[0])
    {
    case 2:
      if (len < 4)
        return FALSE;
      if (dt_ppp_get16 (o + 2) == 0x002d)
        g_string_append (s, "compress VJ ");
      else
        g_string_append_printf (s, "compress 0x%x ", dt_ppp_get16 (o + 2));
      append_hex (s, o + 4, len - 4);
      return TRUE;
    case 3:
      if (len != 6)
        return FALSE;
      append_addr (s, "addr", o + 2);
      return TRUE;
    case 129:
    case 131:
      if (len != 6)
        return FALSE;
      append_addr (s, o[0] == 129 ? "ms-dns1" : "ms-dns2", o + 2);
      return TRUE;
    case 130:
    case 132:
      if (len != 6)
        return FALSE;
      append_addr (s, o[0] == 130 ? "ms-wins" : "ms-wins2", o + 2);
      return TRUE;
    default:
      return FALSE;
    }
}

/* CCP options as pppd's ccp_printpkt shows them. */
static gboolean
describe_ccp_option (GString      *s,
                     const guint8 *o,
                     gsize         len)
{
  switch (o[0])
    {
    case 24:
    case 26:
      if (len != 4)
        return FALSE;
      g_string_append_printf (s, "deflate%s %u", o[0] == 24 ? "(old#)" : "", (o[2] >> 4) + 8);
      if ((o[2] & 0x0f) != 8)
        g_string_append_printf (s, " method %u", o[2] & 0x0f);
      if (o[3] != 0)
        g_string_append_printf (s, " check %u", o[3]);
      return TRUE;
    case 21:
      if (len != 3)
        return FALSE;
      g_string_append_printf (s, "bsd v%u %u", o[2] >> 5, o[2] & 0x1f);
      return TRUE;
    case 18:
      if (len != 6)
        return FALSE;
      g_string_append_printf (s, "mppe 0x%x", dt_ppp_get32 (o + 2));
      return TRUE;
    case 1:
    case 2:
      g_string_append_printf (s, "predictor %u", o[0]);
      return TRUE;
    default:
      return FALSE;
    }
}

/* IPv6CP's Interface-Identifier, as pppd shows it: the link-local address it makes. */
static gboolean
describe_ipv6cp_option (GString      *s,
                        const guint8 *o,
                        gsize         len)
{
  g_autofree char *address = NULL;

  if (o[0] != 1 || len != 10)
    return FALSE;
  address = dt_ppp_ipv6_link_local (((guint64) dt_ppp_get32 (o + 2) << 32) |
                                    dt_ppp_get32 (o + 6));
  g_string_append_printf (s, "addr %s", address);
  return TRUE;
}

static void
describe_options (GString      *s,
                  guint16       protocol,
                  const guint8 *p,
                  gsize         len)
{
  while (len > 0)
    {
      gsize olen = len >= 2 ? p[1] : 0;
      gsize before;
      gboolean known = FALSE;

      if (olen < 2 || olen > len)
        {
          /* Lengths that lie: show the rest raw, as pppd does. */
          g_string_append (s, " ");
          append_hex (s, p, len);
          return;
        }
      g_string_append (s, " <");
      before = s->len;
      if (protocol == DT_PPP_PROTO_LCP)
        known = describe_lcp_option (s, p, olen);
      else if (protocol == DT_PPP_PROTO_IPCP)
        known = describe_ipcp_option (s, p, olen);
      else if (protocol == DT_PPP_PROTO_CCP)
        known = describe_ccp_option (s, p, olen);
      else if (protocol == DT_PPP_PROTO_IPV6CP)
        known = describe_ipv6cp_option (s, p, olen);
      if (!known)
        {
          g_string_truncate (s, before);
          append_hex (s, p, olen);
        }
      g_string_append_c (s, '>');
      p += olen;
      len -= olen;
    }
}

static const char *
protocol_name (guint16 protocol)
{
  switch (protocol)
    {
    case DT_PPP_PROTO_LCP:
      return "LCP";
    case DT_PPP_PROTO_IPCP:
      return "IPCP";
    case DT_PPP_PROTO_IPV6CP:
      return "IPV6CP";
    case DT_PPP_PROTO_CCP:
      return "CCP";
    case DT_PPP_PROTO_LQR:
      return "LQR";
    case DT_PPP_PROTO_IP:
      return "IP";
    case DT_PPP_PROTO_IPV6:
      return "IPv6";
    default:
      return NULL;
    }
}

static void
describe_body (GString      *s,
               guint16       protocol,
               guint8        code,
               const guint8 *p,
               gsize         len)
{
  gboolean lcp = protocol == DT_PPP_PROTO_LCP;

  switch (code)
    {
    case DT_PPP_CONF_REQ:
    case DT_PPP_CONF_ACK:
    case DT_PPP_CONF_NAK:
    case DT_PPP_CONF_REJ:
      describe_options (s, protocol, p, len);
      return;
    case DT_PPP_TERM_REQ:
    case DT_PPP_TERM_ACK:
      if (len > 0)
        {
          g_string_append_c (s, ' ');
          append_text (s, p, len);
        }
      return;
    case DT_PPP_CODE_REJ:
      if (len > 0)
        g_string_append_printf (s, " rejected code=0x%x", p[0]);
      return;
    case DT_PPP_PROT_REJ:
      if (lcp && len >= 2)
        {
          g_string_append_printf (s, " proto=0x%04x", dt_ppp_get16 (p));
          return;
        }
      break;
    case DT_PPP_ECHO_REQ:
    case DT_PPP_ECHO_REP:
    case DT_PPP_DISC_REQ:
      if (lcp && len >= 4)
        {
          g_string_append_printf (s, " magic=0x%x", dt_ppp_get32 (p));
          p += 4;
          len -= 4;
        }
      break;
    default:
      break;
    }
  if (len > 0)
    {
      g_string_append_c (s, ' ');
      append_hex (s, p, len);
    }
}

/* The trace text of one packet of @protocol (its information field), with brackets, or
 * NULL for data packets (IP), which are not traced. */
char *
dt_ppp_describe_packet (guint16       protocol,
                        const guint8 *pkt,
                        gsize         len)
{
  const char *name = protocol_name (protocol);
  GString *s;
  gsize plen;

  g_return_val_if_fail (pkt != NULL || len == 0, NULL);

  if (protocol == DT_PPP_PROTO_PAP || protocol == DT_PPP_PROTO_CHAP ||
      protocol == DT_PPP_PROTO_EAP)
    return dt_ppp_auth_describe_packet (protocol, pkt, len);
  if (protocol == DT_PPP_PROTO_CBCP)
    return dt_ppp_cbcp_describe_packet (pkt, len);
  if (protocol == DT_PPP_PROTO_IP || protocol == DT_PPP_PROTO_IPV6)
    return NULL;

  s = g_string_new ("[");
  if (name != NULL)
    g_string_append (s, name);
  else
    g_string_append_printf (s, "proto=0x%04x", protocol);

  /* Control protocols (0x8000-0xbfff, 0xc000-0xffff) share the code/id/length header. */
  if (protocol < 0x8000)
    {
      g_string_append_printf (s, " len=%" G_GSIZE_FORMAT "]", len);
      return g_string_free (s, FALSE);
    }
  if (len < DT_PPP_HEADER_LEN)
    {
      g_string_append_printf (s, " <truncated, %" G_GSIZE_FORMAT " bytes>]", len);
      return g_string_free (s, FALSE);
    }
  if (pkt[0] < G_N_ELEMENTS (code_names) && code_names[pkt[0]] != NULL &&
      (pkt[0] <= DT_PPP_CODE_REJ || protocol == DT_PPP_PROTO_LCP))
    g_string_append_printf (s, " %s", code_names[pkt[0]]);
  else if (protocol == DT_PPP_PROTO_CCP && (pkt[0] == 14 || pkt[0] == 15))
    g_string_append (s, pkt[0] == 14 ? " ResetReq" : " ResetAck");
  else
    g_string_append_printf (s, " code=0x%x", pkt[0]);
  g_string_append_printf (s, " id=0x%x", pkt[1]);

  plen = dt_ppp_get16 (pkt + 2);
  if (plen < DT_PPP_HEADER_LEN || plen > len)
    {
      g_string_append_printf (s, " <bad length %" G_GSIZE_FORMAT " in %" G_GSIZE_FORMAT
                              " bytes>]", plen, len);
      return g_string_free (s, FALSE);
    }
  describe_body (s, protocol, pkt[0], pkt + DT_PPP_HEADER_LEN, plen - DT_PPP_HEADER_LEN);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}
