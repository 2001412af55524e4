/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's transcript text: one line per packet, in the spirit of pppd's debug log
 * ("LCP Configure-Request id=1 <mru 1500> <magic 0x...>"), for both directions.  It reads
 * untrusted bytes, so every field is bounds-checked and a packet that lies about its length
 * says so instead of being read past its end. */

#include "dt-test-peer-private.h"

#include <string.h>

static const char * const cp_codes[] = {
  NULL, "Configure-Request", "Configure-Ack", "Configure-Nak", "Configure-Reject",
  "Terminate-Request", "Terminate-Ack", "Code-Reject", "Protocol-Reject", "Echo-Request",
  "Echo-Reply", "Discard-Request", "Identification", "Time-Remaining",
};
static const char * const chap_codes[] = {
  NULL, "Challenge", "Response", "Success", "Failure", NULL, NULL, "Change-Password",
};
static const char * const cbcp_codes[] = {
  NULL, "Callback-Request", "Callback-Response", "Callback-Ack",
};
static const char * const cbcp_types[] = {
  NULL, "no-callback", "user-number", "admin-number", "list",
};

static guint32
u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
append_hex (GString *s, const guint8 *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", p[i]);
}

static void
append_text (GString *s, const guint8 *p, gsize len)
{
  g_string_append_c (s, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
        g_string_append_c (s, (char) p[i]);
      else
        g_string_append_printf (s, "\\x%02x", p[i]);
    }
  g_string_append_c (s, '"');
}

static void
lcp_option (GString *s, const guint8 *o)
{
  guint8 len = o[1];

  if (o[0] == 1 && len == 4)
    g_string_append_printf (s, "mru %u", o[2] << 8 | o[3]);
  else if (o[0] == 2 && len == 6)
    g_string_append_printf (s, "accm 0x%08x", u32 (o + 2));
  else if (o[0] == 3 && len >= 4)
    {
      g_string_append_printf (s, "auth %04x", o[2] << 8 | o[3]);
      if (len == 5)
        g_string_append_printf (s, "/%02x", o[4]);
    }
  else if (o[0] == 5 && len == 6)
    g_string_append_printf (s, "magic 0x%08x", u32 (o + 2));
  else if (o[0] == 7 && len == 2)
    g_string_append (s, "pfc");
  else if (o[0] == 8 && len == 2)
    g_string_append (s, "acfc");
  else if (o[0] == 13 && len >= 3)
    g_string_append_printf (s, "callback %u", o[2]);
  else
    {
      g_string_append_printf (s, "option %u ", o[0]);
      append_hex (s, o + 2, len - 2);
    }
}

static void
ipcp_option (GString *s, const guint8 *o)
{
  static const char * const names[] = { "address", "dns1", "nbns1", "dns2", "nbns2" };
  const char *name = o[0] == 3 ? names[0] : o[0] >= 129 && o[0] <= 132 ? names[o[0] - 128] : NULL;

  if (name != NULL && o[1] == 6)
    g_string_append_printf (s, "%s %u.%u.%u.%u", name, o[2], o[3], o[4], o[5]);
  else
    {
      g_string_append_printf (s, "option %u ", o[0]);
      append_hex (s, o + 2, o[1] - 2u);
    }
}

static void
cbcp_option (GString *s, const guint8 *o)
{
  guint8 len = o[1];

  g_string_append (s, o[0] < G_N_ELEMENTS (cbcp_types) && cbcp_types[o[0]] != NULL
                      ? cbcp_types[o[0]] : "type?");
  if (len >= 3)
    g_string_append_printf (s, " delay=%u", o[2]);
  if (len >= 4)
    {
      g_string_append_printf (s, " address-type=%u address=", o[3]);
      /* The address with its NUL shown: what crossed the link, exactly. */
      append_text (s, o + 4, len - 4u);
    }
}

/* "<...> <...>" for a list of type-length options; FALSE if one lies about its length. */
static gboolean
append_options (GString *s, const guint8 *p, gsize len, void (*one) (GString *, const guint8 *))
{
  gsize at = 0;

  while (at < len)
    {
      if (len - at < 2 || p[at + 1] < 2 || p[at + 1] > len - at)
        return FALSE;
      g_string_append (s, " <");
      one (s, p + at);
      g_string_append_c (s, '>');
      at += p[at + 1];
    }
  return TRUE;
}

static gboolean
decode_cp (GString *s, guint16 protocol, guint8 code, const guint8 *d, gsize len)
{
  void (*one) (GString *, const guint8 *) = protocol == DT_TEST_PEER_LCP ? lcp_option
                                                                         : ipcp_option;

  switch (code)
    {
    case CP_CONFREQ: case CP_CONFACK: case CP_CONFNAK: case CP_CONFREJ:
      return append_options (s, d, len, one);
    case CP_TERMREQ: case CP_TERMACK:
      if (len > 0)
        {
          g_string_append_c (s, ' ');
          append_text (s, d, len);
        }
      return TRUE;
    case CP_PROTREJ:
      if (len < 2)
        return FALSE;
      g_string_append_printf (s, " protocol=0x%04x", d[0] << 8 | d[1]);
      return TRUE;
    case CP_ECHOREQ: case CP_ECHOREP: case CP_DISCREQ:
      if (len < 4)
        return FALSE;
      g_string_append_printf (s, " magic=0x%08x", u32 (d));
      return TRUE;
    default:
      g_string_append_printf (s, " %" G_GSIZE_FORMAT " octets", len);
      return TRUE;
    }
}

static gboolean
decode_chap (GString *s, guint8 code, const guint8 *d, gsize len)
{
  switch (code)
    {
    case 1: /* Challenge */
    case 2: /* Response */
      if (len < 1 || d[0] > len - 1)
        return FALSE;
      if (code == 1)
        {
          g_string_append (s, " value=");
          append_hex (s, d + 1, d[0]);
        }
      else if (d[0] == 49)
        {
          g_string_append (s, " peer-challenge=");
          append_hex (s, d + 1, 16);
          g_string_append (s, " nt-response=");
          append_hex (s, d + 25, 24);
          g_string_append_printf (s, " flags=%u", d[49]);
        }
      else
        g_string_append_printf (s, " value-size=%u", d[0]);
      g_string_append (s, " name=");
      append_text (s, d + 1 + d[0], len - 1 - d[0]);
      return TRUE;
    case 3: /* Success */
    case 4: /* Failure */
      g_string_append_c (s, ' ');
      append_text (s, d, len);
      return TRUE;
    case 7: /* Change-Password: the encrypted blocks say nothing to a reader */
      g_string_append_printf (s, " length=%" G_GSIZE_FORMAT, len + 4);
      if (len != 582)
        return FALSE;
      g_string_append (s, " peer-challenge=");
      append_hex (s, d + 532, 16);
      g_string_append (s, " nt-response=");
      append_hex (s, d + 556, 24);
      g_string_append_printf (s, " flags=0x%04x", d[580] << 8 | d[581]);
      return TRUE;
    default:
      return TRUE;
    }
}

char *
decode_packet (guint16 protocol, const guint8 *packet, gsize len)
{
  GString *s = g_string_new (NULL);
  const char * const *codes;
  gsize n_codes;
  const char *name;
  gsize length;
  gboolean ok;

  switch (protocol)
    {
    case DT_TEST_PEER_LCP: name = "LCP"; codes = cp_codes; n_codes = 14; break;
    case DT_TEST_PEER_IPCP: name = "IPCP"; codes = cp_codes; n_codes = 8; break;
    case DT_TEST_PEER_CHAP: name = "CHAP"; codes = chap_codes; n_codes = 8; break;
    case DT_TEST_PEER_CBCP: name = "CBCP"; codes = cbcp_codes; n_codes = 4; break;
    case 0x0021:
      g_string_printf (s, "IP packet of %" G_GSIZE_FORMAT " octets", len);
      return g_string_free (s, FALSE);
    default:
      g_string_printf (s, "protocol 0x%04x, %" G_GSIZE_FORMAT " octets", protocol, len);
      return g_string_free (s, FALSE);
    }

  if (len < 4 || (length = (gsize) packet[2] << 8 | packet[3]) < 4 || length > len)
    {
      g_string_printf (s, "%s packet of %" G_GSIZE_FORMAT " octets (malformed)", name, len);
      return g_string_free (s, FALSE);
    }
  if (packet[0] < n_codes && codes[packet[0]] != NULL)
    g_string_printf (s, "%s %s id=%u", name, codes[packet[0]], packet[1]);
  else
    g_string_printf (s, "%s code %u id=%u", name, packet[0], packet[1]);

  if (protocol == DT_TEST_PEER_CHAP)
    ok = decode_chap (s, packet[0], packet + 4, length - 4);
  else if (protocol == DT_TEST_PEER_CBCP)
    ok = packet[0] > 3 || append_options (s, packet + 4, length - 4, cbcp_option);
  else
    ok = decode_cp (s, protocol, packet[0], packet + 4, length - 4);
  if (!ok)
    g_string_append (s, " (malformed)");
  return g_string_free (s, FALSE);
}
