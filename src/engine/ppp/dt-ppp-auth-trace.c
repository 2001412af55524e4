/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text for people: the pppd-style trace line of a PAP, CHAP or EAP packet (what `pppd debug` and
 * `dialtone-cli --debug` print), with every secret and every value derived from one shown as
 * <hidden>.  (The messages servers send are made safe by dt_text_sanitize().) */

#include "config.h"

#include <string.h>

#include "dt-ppp-auth-private.h"
#include "dt-ppp-defs.h"

/* Longest quoted string and challenge shown in a trace line */
#define MAX_TRACE_STRING 256

/* The body of pppd's print_string(): C escapes for what is not printable ASCII. */
static void
append_escaped (GString      *s,
                const guint8 *p,
                gsize         len)
{
  for (gsize i = 0; i < MIN (len, MAX_TRACE_STRING); i++)
    {
      guint8 c = p[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c >= ' ' && c <= '~')
        g_string_append_c (s, c);
      else if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\r')
        g_string_append (s, "\\r");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else
        g_string_append_printf (s, "\\%03o", c);
    }
  if (len > MAX_TRACE_STRING)
    g_string_append (s, "...");
}

static void
append_string (GString      *s,
               const guint8 *p,
               gsize         len)
{
  g_string_append_c (s, '"');
  append_escaped (s, p, len);
  g_string_append_c (s, '"');
}

static void
append_hex (GString      *s,
            const guint8 *p,
            gsize         len)
{
  for (gsize i = 0; i < MIN (len, MAX_TRACE_STRING); i++)
    g_string_append_printf (s, "%02x", p[i]);
  if (len > MAX_TRACE_STRING)
    g_string_append (s, "...");
}

/* Bytes we cannot describe, in hex between angle brackets. */
static void
append_raw (GString      *s,
            const guint8 *p,
            gsize         len)
{
  if (len == 0)
    return;
  g_string_append (s, " <");
  append_hex (s, p, len);
  g_string_append_c (s, '>');
}

/* Whether @p starts with a length byte and that many bytes (PAP's Peer-ID and Message, CHAP's
 * Value). */
static gboolean
has_counted (const guint8 *p,
             gsize         len)
{
  return len >= 1 && (gsize) p[0] + 1 <= len;
}

/* CHAP's Value-Size, Value and Name (MD5 and MS-CHAPv2, and in EAP): the value in hex, or
 * hidden when it is derived from the password.  has_counted() holds. */
static void
append_value_and_name (GString      *s,
                       const guint8 *p,
                       gsize         len,
                       gboolean      show_value)
{
  g_string_append (s, " <");
  if (show_value)
    append_hex (s, p + 1, p[0]);
  else
    g_string_append (s, "hidden");
  g_string_append (s, ">, name = ");
  append_string (s, p + 1 + p[0], len - 1 - p[0]);
}

static void
describe_pap (GString      *s,
              guint8        code,
              const guint8 *data,
              gsize         len)
{
  switch (code)
    {
    case DT_PAP_AUTH_REQUEST:
      if (has_counted (data, len))
        {
          g_string_append (s, " user=");
          append_string (s, data + 1, data[0]);
        }
      g_string_append (s, " password=<hidden>");
      break;
    case DT_PAP_AUTH_ACK:
    case DT_PAP_AUTH_NAK:
      if (has_counted (data, len))
        {
          g_string_append_c (s, ' ');
          append_string (s, data + 1, data[0]);
        }
      break;
    default:
      append_raw (s, data, len);
    }
}

/* A Success message, with MS-CHAPv2's authenticator response (the hex digits after "S=")
 * hidden. */
static void
append_success_message (GString      *s,
                        const guint8 *data,
                        gsize         len)
{
  gsize end = 2;

  if (len < 2 || data[0] != 'S' || data[1] != '=')
    {
      append_string (s, data, len);
      return;
    }
  while (end < len && g_ascii_isxdigit (data[end]))
    end++;
  g_string_append (s, "\"S=<hidden>");
  append_escaped (s, data + end, len - end);
  g_string_append_c (s, '"');
}

static void
describe_chap (GString      *s,
               guint8        code,
               const guint8 *data,
               gsize         len)
{
  switch (code)
    {
    case DT_CHAP_CHALLENGE:
    case DT_CHAP_RESPONSE:
      if (has_counted (data, len))
        append_value_and_name (s, data, len, code == DT_CHAP_CHALLENGE);
      else
        g_string_append (s, code == DT_CHAP_RESPONSE ? " <hidden>" : " <malformed>");
      break;
    case DT_CHAP_SUCCESS:
      g_string_append_c (s, ' ');
      append_success_message (s, data, len);
      break;
    case DT_CHAP_FAILURE:
      g_string_append_c (s, ' ');
      append_string (s, data, len);
      break;
    case DT_CHAP_CHANGE_PASSWORD:
      g_string_append (s, " <hidden>");
      break;
    default:
      append_raw (s, data, len);
    }
}

static const char *
eap_type_name (guint8 type)
{
  switch (type)
    {
    case 1: return "Identity";
    case 2: return "Notification";
    case 3: return "Nak";
    case 4: return "MD5-Challenge";
    case 5: return "OTP";
    case 6: return "GTC";
    case 13: return "TLS";
    case 26: return "MSCHAPv2";
    case 254: return "Expanded";
    default: return NULL;
    }
}

/* EAP-MSCHAPv2: the OpCode; a Challenge's value and name, a Success with its authenticator
 * response hidden, a Failure's text; a Response shows only its name. */
static void
describe_eap_mschapv2 (GString      *s,
                       gboolean      request,
                       const guint8 *d,
                       gsize         len)
{
  static const char *const opcodes[] = {
    NULL, "Challenge", "Response", "Success", "Failure", NULL, NULL, "ChangePassword"
  };
  gsize ms_len;

  if (len < 1)
    return;
  if (d[0] < G_N_ELEMENTS (opcodes) && opcodes[d[0]] != NULL)
    g_string_append_printf (s, " %s", opcodes[d[0]]);
  else
    g_string_append_printf (s, " opcode=%u", d[0]);
  if (len < 4)
    return;
  ms_len = MIN ((gsize) dt_ppp_get16 (d + 2), len);
  g_string_append_printf (s, " id=0x%x", d[1]);
  if ((d[0] == 1 || d[0] == 2) && ms_len >= 5 && has_counted (d + 4, ms_len - 4))
    append_value_and_name (s, d + 4, ms_len - 4, d[0] == 1);
  else if (request && d[0] == 3 && ms_len > 4)
    {
      g_string_append_c (s, ' ');
      append_success_message (s, d + 4, ms_len - 4);
    }
  else if (request && d[0] == 4 && ms_len > 4)
    {
      g_string_append_c (s, ' ');
      append_string (s, d + 4, ms_len - 4);
    }
}

static void
describe_eap (GString      *s,
              guint8        code,
              const guint8 *data,
              gsize         len)
{
  gboolean request = code == 1;
  const char *type;

  if ((code != 1 && code != 2) || len < 1)
    return;
  type = eap_type_name (data[0]);
  if (type != NULL)
    g_string_append_printf (s, " %s", type);
  else
    g_string_append_printf (s, " type=%u", data[0]);
  data++;
  len--;
  switch (data[-1])
    {
    case 1:   /* Identity: the name, or the server's message */
    case 2:   /* Notification */
      if (len > 0)
        {
          g_string_append_c (s, ' ');
          append_string (s, data, len);
        }
      break;
    case 3:   /* Nak: the types wanted */
      for (gsize i = 0; i < len; i++)
        g_string_append_printf (s, " %s", eap_type_name (data[i]) ? eap_type_name (data[i])
                                                                 : "?");
      break;
    case 4:   /* MD5-Challenge: Value-Size, Value, Name */
      if (has_counted (data, len))
        append_value_and_name (s, data, len, request);
      break;
    case 5:   /* OTP and GTC: the server's prompt; the answer is a secret */
    case 6:
      if (request && len > 0)
        {
          g_string_append_c (s, ' ');
          append_string (s, data, len);
        }
      else if (!request)
        g_string_append (s, " <hidden>");
      break;
    case 26:
      describe_eap_mschapv2 (s, request, data, len);
      break;
    default:
      if (len > 0)
        g_string_append_printf (s, " <%" G_GSIZE_FORMAT " bytes>", len);
      break;
    }
}

static const char *
code_name (guint16 ppp_protocol,
           guint8  code)
{
  static const char *const pap_codes[] = { NULL, "AuthReq", "AuthAck", "AuthNak" };
  static const char *const chap_codes[] = {
    NULL, "Challenge", "Response", "Success", "Failure", NULL, NULL, "ChangePassword"
  };
  static const char *const eap_codes[] = { NULL, "Request", "Response", "Success", "Failure" };

  if (ppp_protocol == DT_PPP_PROTOCOL_PAP && code < G_N_ELEMENTS (pap_codes))
    return pap_codes[code];
  if (ppp_protocol == DT_PPP_PROTOCOL_CHAP && code < G_N_ELEMENTS (chap_codes))
    return chap_codes[code];
  if (ppp_protocol == DT_PPP_PROTOCOL_EAP && code < G_N_ELEMENTS (eap_codes))
    return eap_codes[code];
  return NULL;
}

char *
dt_ppp_auth_describe_packet (guint16       ppp_protocol,
                             const guint8 *pkt,
                             gsize         len)
{
  GString *s;
  const char *name;
  gsize pkt_len;

  if (ppp_protocol != DT_PPP_PROTOCOL_PAP && ppp_protocol != DT_PPP_PROTOCOL_CHAP &&
      ppp_protocol != DT_PPP_PROTOCOL_EAP)
    return NULL;
  g_return_val_if_fail (pkt != NULL || len == 0, NULL);

  s = g_string_new (ppp_protocol == DT_PPP_PROTOCOL_PAP ? "[PAP"
                    : ppp_protocol == DT_PPP_PROTOCOL_EAP ? "[EAP" : "[CHAP");
  if (len < 4)
    {
      g_string_append_printf (s, " <truncated, %" G_GSIZE_FORMAT " bytes>]", len);
      return g_string_free (s, FALSE);
    }

  name = code_name (ppp_protocol, pkt[0]);
  if (name != NULL)
    g_string_append_printf (s, " %s", name);
  else
    g_string_append_printf (s, " code=0x%x", pkt[0]);
  g_string_append_printf (s, " id=0x%x", pkt[1]);

  pkt_len = (pkt[2] << 8) | pkt[3];
  if (pkt_len < 4 || pkt_len > len)
    {
      /* The body may still be ours: never print it. */
      g_string_append_printf (s, " <bad length %" G_GSIZE_FORMAT " in %" G_GSIZE_FORMAT
                              " bytes>]", pkt_len, len);
      return g_string_free (s, FALSE);
    }

  if (ppp_protocol == DT_PPP_PROTOCOL_PAP)
    describe_pap (s, pkt[0], pkt + 4, pkt_len - 4);
  else if (ppp_protocol == DT_PPP_PROTOCOL_EAP)
    describe_eap (s, pkt[0], pkt + 4, pkt_len - 4);
  else
    describe_chap (s, pkt[0], pkt + 4, pkt_len - 4);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}
