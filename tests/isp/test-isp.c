/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test ISP as a dialler sees it: the Hayes modem's answers on a modem line (echo, result
 * codes, numeric results, X levels, every documented number, the login prompt, the "+++"
 * escape), and the real pppd behind it: its first LCP Configure-Request decoded with the
 * tests' own RFC 1662 code, the authentication each number forces, and a full PPP session
 * with a scripted peer that pings the ISP and ends with an LCP Terminate-Request. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-test-hdlc.h"
#include "dt-test-isp.h"
#include "test-isp-peer.h"

typedef struct
{
  DtTestIsp *isp;
  char *path;
  guint line;
  int fd;
  goffset log_offset;
  GString *got;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->path = dt_test_isp_acquire_line (f->isp);
  f->line = dt_test_isp_get_line_number (f->isp, f->path);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  f->fd = dt_test_isp_open_line (f->path);
  g_assert_cmpint (f->fd, >=, 0);
  f->got = g_string_new (NULL);
  g_test_message ("line%u: %s", f->line, f->path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);
      g_autofree char *seen = g_strescape (f->got->str, NULL);
      g_test_message ("the line said: %s", seen);
      g_test_message ("the ISP's log for line%u:\n%s", f->line, log);
    }
  close (f->fd);
  dt_test_isp_release_line (f->isp, f->path);
  g_free (f->path);
  g_string_free (f->got, TRUE);
}

#define SKIP_IF_NO_ISP(f) \
  G_STMT_START { if ((f)->isp == NULL) return; } G_STMT_END

/* Sends a command and waits for text in the answer; the answer is in f->got. */
static void
chat (Fixture *f, const char *send, const char *expect, guint timeout_ms)
{
  g_string_truncate (f->got, 0);
  dt_test_isp_send (f->fd, send);
  if (!dt_test_isp_expect (f->fd, expect, timeout_ms, f->got))
    {
      g_autofree char *s = g_strescape (send, NULL);
      g_autofree char *e = g_strescape (expect, NULL);
      g_autofree char *g = g_strescape (f->got->str, NULL);
      g_error ("sent \"%s\", expected \"%s\", got \"%s\"", s, e, g);
    }
}

static void
test_boot (Fixture *f, gconstpointer data)
{
  SKIP_IF_NO_ISP (f);
  g_test_message ("boot-to-ready: %" G_GINT64_FORMAT " ms (%s, image %s)",
                  dt_test_isp_get_boot_ms (f->isp), dt_test_isp_get_accel (f->isp),
                  dt_test_isp_get_image_status (f->isp));
  g_assert_cmpint (dt_test_isp_get_boot_ms (f->isp), >, 0);
  g_assert_cmpuint (dt_test_isp_get_n_lines (f->isp), >=, 1);
  chat (f, "AT\r", "OK\r\n", 3000);
  /* Echo is on by default: the command comes back first, then the verbose result. */
  g_assert_cmpstr (f->got->str, ==, "AT\r\r\nOK\r\n");
  /* It identifies itself as a U.S. Robotics 56K Faxmodem does. */
  chat (f, "ATI\r", "OK\r\n", 2000);
  g_assert_cmpstr (f->got->str, ==, "ATI\r\r\n5601\r\n\r\nOK\r\n");
  chat (f, "ATI3\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, "\r\nU.S. Robotics 56K FAX EXT V4.12.1\r\n"));
  chat (f, "AT+GMM\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, "\r\nU.S. Robotics 56K FAX EXT\r\n"));
  chat (f, "AT+FCLASS=?\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, "\r\n0,1,2.0\r\n"));
  chat (f, "AT+CGMI\r", "ERROR\r\n", 2000);
  /* The guest's web server fetched its own page at boot. */
  g_assert_true (dt_test_isp_wait_log (f->isp, NULL, 0,
                                       "dialtone-isp: httpd serves http://10.64.0.1/", 5000));
}

/* Reads from the line until the first complete HDLC frame, text before it allowed. */
static DtTestHdlcFrame *
first_frame (Fixture *f, DtTestHdlc *hdlc, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  DtTestHdlcFrame *frame;

  while ((frame = dt_test_hdlc_pop (hdlc)) == NULL && g_get_monotonic_time () < end)
    {
      GString *chunk = g_string_new (NULL);
      dt_test_isp_expect (f->fd, "~", 200, chunk);
      dt_test_hdlc_feed (hdlc, (const guint8 *) chunk->str, chunk->len);
      g_string_append_len (f->got, chunk->str, chunk->len);
      g_string_free (chunk, TRUE);
    }
  g_assert_nonnull (frame);
  return frame;
}

/* Checks pppd's LCP Configure-Request, byte by byte, and returns its authentication
 * protocol option (0 when absent) and the CHAP algorithm. */
static guint16
check_lcp_confreq (DtTestHdlcFrame *frame, guint8 *chap_algorithm)
{
  guint16 protocol = 0, auth = 0, length;
  const guint8 *info;
  gsize len, at;
  gboolean magic = FALSE;

  g_assert_true (frame->fcs_ok);
  /* Before LCP is up, everything goes uncompressed: FF 03 C0 21. */
  g_assert_cmpuint (frame->data->data[0], ==, 0xff);
  g_assert_cmpuint (frame->data->data[1], ==, 0x03);
  g_assert_true (dt_test_ppp_parse (frame, &protocol, &info, &len));
  g_assert_cmphex (protocol, ==, 0xc021);
  g_assert_cmpuint (len, >=, 4);
  g_assert_cmpuint (info[0], ==, 1); /* Configure-Request */
  length = (info[2] << 8) | info[3];
  g_assert_cmpuint (length, ==, len);
  for (at = 4; at < length; at += info[at + 1])
    {
      g_assert_cmpuint (at + 2, <=, length);
      g_assert_cmpuint (info[at + 1], >=, 2);
      g_assert_cmpuint (at + info[at + 1], <=, length);
      switch (info[at])
        {
        case 1: /* MRU */
          g_assert_cmpuint (info[at + 1], ==, 4);
          break;
        case 2: /* ACCM */
          g_assert_cmpuint (info[at + 1], ==, 6);
          break;
        case 3: /* Authentication-Protocol */
          g_assert_cmpuint (info[at + 1], >=, 4);
          auth = (info[at + 2] << 8) | info[at + 3];
          if (auth == 0xc223)
            {
              g_assert_cmpuint (info[at + 1], ==, 5);
              *chap_algorithm = info[at + 4];
            }
          break;
        case 5: /* Magic-Number, never zero */
          g_assert_cmpuint (info[at + 1], ==, 6);
          g_assert_true (info[at + 2] | info[at + 3] | info[at + 4] | info[at + 5]);
          magic = TRUE;
          break;
        case 7: /* PFC */
        case 8: /* ACFC */
          g_assert_cmpuint (info[at + 1], ==, 2);
          break;
        default:
          break;
        }
    }
  g_assert_true (magic);
  return auth;
}

static void
hang_up (Fixture *f)
{
  g_usleep (1100000);
  chat (f, "+++", "\r\nOK\r\n", 3000);
  chat (f, "ATH\r", "\r\nOK\r\n", 3000);
}

static void
test_connect_lcp (Fixture *f, gconstpointer data)
{
  g_autoptr (DtTestHdlc) hdlc = dt_test_hdlc_new ();
  g_autoptr (DtTestHdlcFrame) frame = NULL;
  const char *boot_auth;
  guint16 auth;
  guint8 algorithm = 0;

  SKIP_IF_NO_ISP (f);
  chat (f, "ATZ\r", "OK\r\n", 2000);
  chat (f, "ATDT5550100\r", "CONNECT 33600\r\n", 5000);
  g_assert_true (g_str_has_suffix (f->got->str, "\r\nCONNECT 33600\r\n"));
  frame = first_frame (f, hdlc, 10000);
  auth = check_lcp_confreq (frame, &algorithm);

  boot_auth = dt_test_isp_get_auth (f->isp);
  if (g_str_equal (boot_auth, "pap"))
    g_assert_cmphex (auth, ==, 0xc023);
  else if (g_str_equal (boot_auth, "chap"))
    {
      g_assert_cmphex (auth, ==, 0xc223);
      g_assert_cmpuint (algorithm, ==, 5);
    }
  else if (g_str_equal (boot_auth, "mschapv2"))
    {
      g_assert_cmphex (auth, ==, 0xc223);
      g_assert_cmpuint (algorithm, ==, 0x81);
    }
  else
    g_assert_cmphex (auth, ==, 0);

  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset,
                                       "pppd: sent [LCP ConfReq id=0x1", 5000));
  hang_up (f);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, "pppd: Modem hangup",
                                       5000));
}

typedef struct
{
  const char *number;
  guint16 auth;
  guint8 algorithm;
} ForcedAuth;

static void
test_forced_auth (Fixture *f, gconstpointer data)
{
  static const ForcedAuth cases[] = {
    { "555-0110", 0xc023, 0 },
    { "555-0111", 0xc223, 5 },
    { "555-0112", 0xc223, 0x81 },
    { "555-0113", 0, 0 },
  };

  SKIP_IF_NO_ISP (f);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (DtTestHdlc) hdlc = dt_test_hdlc_new ();
      g_autoptr (DtTestHdlcFrame) frame = NULL;
      g_autofree char *dial = g_strdup_printf ("ATDT%s\r", cases[i].number);
      guint8 algorithm = 0;

      chat (f, dial, "CONNECT 33600\r\n", 5000);
      frame = first_frame (f, hdlc, 10000);
      g_assert_cmphex (check_lcp_confreq (frame, &algorithm), ==, cases[i].auth);
      g_assert_cmpuint (algorithm, ==, cases[i].algorithm);
      hang_up (f);
    }
}

typedef struct
{
  const char *command;
  const char *result;
} Outcome;

static void
test_outcomes (Fixture *f, gconstpointer data)
{
  /* Punctuation in dial strings is ignored, as on a real modem. */
  static const Outcome outcomes[] = {
    { "ATDT5550199\r", "\r\nBUSY\r\n" },
    { "ATDT555-0198\r", "\r\nNO CARRIER\r\n" },
    { "ATDT(555) 0197\r", "\r\nNO DIALTONE\r\n" },
    { "ATDP555.0195\r", "\r\nERROR\r\n" },
    { "ATDT1234567\r", "\r\nNO CARRIER\r\n" },
    { "ATS7?\r", "\r\n060\r\n\r\nOK\r\n" },
    { "ATS7=1X9\r", "\r\nERROR\r\n" },
    { "ATS7=30S7?\r", "\r\n030\r\n\r\nOK\r\n" },
    { "ATL2M1X4&C1&D2\r", "\r\nOK\r\n" },
    { "ATFOO\r", "\r\nERROR\r\n" },
  };

  SKIP_IF_NO_ISP (f);
  for (gsize i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      chat (f, outcomes[i].command, outcomes[i].result, 5000);
      /* The echo, then exactly the result. */
      g_assert_true (g_str_has_prefix (f->got->str, outcomes[i].command));
      g_assert_cmpstr (f->got->str + strlen (outcomes[i].command), ==, outcomes[i].result);
    }
}

static void
test_no_answer (Fixture *f, gconstpointer data)
{
  gint64 start;

  SKIP_IF_NO_ISP (f);
  start = g_get_monotonic_time ();
  chat (f, "ATDT5550196\r", "\r\nNO ANSWER\r\n", 10000);
  /* It rings for 3 s before it gives up. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2900 * 1000);
}

static void
test_connect_arq (Fixture *f, gconstpointer data)
{
  g_autoptr (DtTestHdlc) hdlc = dt_test_hdlc_new ();
  g_autoptr (DtTestHdlcFrame) frame = NULL;
  guint8 algorithm;

  SKIP_IF_NO_ISP (f);
  chat (f, "ATDT5550101\r", "\r\nCONNECT 33600/ARQ/V34/LAPM/V42BIS\r\n", 5000);
  frame = first_frame (f, hdlc, 10000);
  check_lcp_confreq (frame, &algorithm);
  hang_up (f);
  /* ATI6 tells that call: its speed, error control, compression, what it carried (pppd's
   * frames), and that it ended with the escape and ATH. */
  chat (f, "ATI6\r", "OK\r\n", 3000);
  g_assert_nonnull (strstr (f->got->str, "\r\nSpeed                  33600/33600\r\n"));
  g_assert_nonnull (strstr (f->got->str, "\r\nProtocol               LAPM\r\n"));
  g_assert_nonnull (strstr (f->got->str, "\r\nData Compression       V42BIS\r\n"));
  g_assert_nonnull (strstr (f->got->str, "\r\nReason Terminated      Escape code\r\n"));
  g_assert_null (strstr (f->got->str, "Chars Received               0\r\n"));
}

/* The value after @label in @text, to the end of its line (@label at a line's start). */
static char *
field (const char *text,
       const char *label)
{
  g_autofree char *pattern = g_strdup_printf ("(?m)^\\s*%s\\s*(.*?)\\s*$", label);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    g_error ("no “%s” in %s", label, text);
  return g_match_info_fetch (match, 1);
}

/* The S-registers an ATI4 or ATI5 lists: "S07=060 S08=002 …", in order. */
static char *
registers (const char *text)
{
  g_autoptr (GRegex) regex = g_regex_new ("S[0-9]{2}=[0-9]{3}", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GString *out = g_string_new (NULL);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *word = g_match_info_fetch (match, 0);

      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", word);
      g_match_info_next (match, NULL);
    }
  return g_string_free (out, FALSE);
}

/* The modem's answers agree with each other and with its state, as a real one's do: one
 * firmware in ATI3, AT+GMR and ATI7, one model in ATI3 and AT+GMM, the fax classes of
 * AT+FCLASS=? in ATI7, ATI4's S-registers as ATSn? reads them and, after ATZ, as the NVRAM
 * profile of ATI5 has them; a setting changed shows in ATI4, and so does the number dialed. */
static void
test_identity (Fixture *f, gconstpointer data)
{
  g_autofree char *ati3 = NULL, *version = NULL, *model = NULL, *fax = NULL, *nvram = NULL;
  g_autofree char *factory = NULL, *changed = NULL, *s7 = NULL, *gmm = NULL, *gmi = NULL;
  g_autofree char *s11 = NULL, *again = NULL;
  const char *space;

  SKIP_IF_NO_ISP (f);
  chat (f, "ATZE0\r", "OK\r\n", 2000);
  chat (f, "ATI3\r", "OK\r\n", 2000);
  ati3 = g_strstrip (g_strndup (f->got->str, strstr (f->got->str, "OK") - f->got->str));
  space = strrchr (ati3, ' ');
  g_assert_nonnull (space);
  g_assert_cmpint (space[1], ==, 'V');
  version = g_strdup (space + 2);
  model = g_strndup (ati3, space - ati3);
  chat (f, "AT+GMR\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, version));
  chat (f, "AT+GMM\r", "OK\r\n", 2000);
  gmm = g_strconcat (model, "\r\n\r\nOK", NULL);
  g_assert_cmpstr (g_strstrip (f->got->str), ==, gmm);
  chat (f, "AT+GMI\r", "OK\r\n", 2000);
  g_strstrip (f->got->str);
  gmi = g_strndup (f->got->str, strcspn (f->got->str, "\r"));
  g_assert_true (g_str_has_prefix (model, gmi));
  chat (f, "ATI7\r", "OK\r\n", 2000);
  {
    g_autofree char *flash = field (f->got->str, "FLASH rev");
    g_autofree char *dsp = field (f->got->str, "DSP rev");

    g_assert_cmpstr (flash, ==, version);
    g_assert_cmpstr (dsp, ==, version);
    fax = field (f->got->str, "Fax Options");
  }
  chat (f, "AT+FCLASS=?\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, "1,2.0"));
  g_assert_cmpstr (fax, ==, "Class 1/Class 2.0");

  /* After ATZ the settings in force are the NVRAM profile's (S1 apart: NVRAM keeps no ring
   * count), and ATSn? reads what ATI4 shows. */
  chat (f, "ATI5\r", "OK\r\n", 2000);
  nvram = registers (f->got->str);
  chat (f, "ATI4\r", "OK\r\n", 2000);
  factory = registers (f->got->str);
  g_assert_nonnull (strstr (f->got->str, "   B0  E0  F1  L2  M1  Q0  V1  X4  Y0\r\n"));
  g_assert_nonnull (strstr (f->got->str, "&C1  &D2"));
  {
    g_autoptr (GString) without_s1 = g_string_new (factory);

    g_string_replace (without_s1, "S01=000 ", "", 1);
    g_assert_cmpstr (without_s1->str, ==, nvram);
  }
  chat (f, "ATS11?\r", "OK\r\n", 2000);
  s11 = g_strdup_printf ("S11=%.3s", g_strstrip (f->got->str));
  g_assert_nonnull (strstr (factory, s11));

  /* Changed settings, and a number dialed, show in ATI4. */
  chat (f, "ATB1L3M0X3S7=30&C0&D0\r", "OK\r\n", 2000);
  chat (f, "ATDT555-0199\r", "BUSY\r\n", 5000);
  chat (f, "ATI4\r", "OK\r\n", 2000);
  g_assert_nonnull (strstr (f->got->str, "   B1  E0  F1  L3  M0  Q0  V1  X3  Y0\r\n"));
  g_assert_nonnull (strstr (f->got->str, "&C0  &D0"));
  g_assert_nonnull (strstr (f->got->str, "S07=030"));
  g_assert_nonnull (strstr (f->got->str, "LAST DIALED #: T555-0199\r\n"));
  changed = registers (f->got->str);
  g_assert_cmpstr (changed, !=, factory);
  chat (f, "ATS7?\r", "OK\r\n", 2000);
  s7 = g_strdup (g_strstrip (f->got->str));
  g_assert_true (g_str_has_prefix (s7, "030"));
  /* ATZ loads the profile again. */
  chat (f, "ATZE0\r", "OK\r\n", 2000);
  chat (f, "ATI4\r", "OK\r\n", 2000);
  again = registers (f->got->str);
  g_assert_cmpstr (again, ==, factory);
  chat (f, "ATE1\r", "OK\r\n", 2000);
}

static void
test_numeric (Fixture *f, gconstpointer data)
{
  SKIP_IF_NO_ISP (f);
  chat (f, "ATE0V0\r", "ATE0V0\r0\r", 2000);
  g_assert_cmpstr (f->got->str, ==, "ATE0V0\r0\r"); /* echo was still on for this line */
  chat (f, "AT\r", "0\r", 2000);
  g_assert_cmpstr (f->got->str, ==, "0\r");
  chat (f, "ATDT5550199\r", "7\r", 5000);
  g_assert_cmpstr (f->got->str, ==, "7\r");
  chat (f, "ATDT5550197\r", "6\r", 5000);
  chat (f, "ATDT5550198\r", "3\r", 5000);
  chat (f, "ATY\r", "4\r", 2000); /* no such command */
  chat (f, "ATX0\r", "0\r", 2000);
  /* X0 knows no BUSY: a busy line is NO CARRIER. */
  chat (f, "ATDT5550199\r", "3\r", 5000);
  chat (f, "ATE1V1\r", "\r\nOK\r\n", 2000);
  chat (f, "ATX2DT5550199\r", "\r\nNO CARRIER\r\n", 5000);
  chat (f, "ATX3DT5550197\r", "\r\nNO CARRIER\r\n", 5000);
  chat (f, "ATX3DT5550199\r", "\r\nBUSY\r\n", 5000);
  chat (f, "ATQ1\r", "ATQ1\r", 2000);
  g_usleep (300000);
  g_assert_false (dt_test_isp_expect (f->fd, "OK", 300, f->got));
  chat (f, "ATQ0Z\r", "\r\nOK\r\n", 2000);
}

static void
test_escape (Fixture *f, gconstpointer data)
{
  g_autoptr (DtTestHdlc) hdlc = dt_test_hdlc_new ();
  g_autoptr (DtTestHdlcFrame) frame = NULL;
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  chat (f, "ATDT5550100\r", "CONNECT 33600\r\n", 5000);
  frame = first_frame (f, hdlc, 10000);

  /* "+++" without the guard time before it is data, and pppd gets it. */
  dt_test_isp_send (f->fd, "~+++");
  g_assert_false (dt_test_isp_expect (f->fd, "\r\nOK\r\n", 1500, NULL));

  g_usleep (1100000);
  chat (f, "+++", "\r\nOK\r\n", 3000);
  chat (f, "ATO\r", "\r\nCONNECT 33600\r\n", 3000);
  g_usleep (1100000);
  chat (f, "+++", "\r\nOK\r\n", 3000);
  chat (f, "ATH\r", "\r\nOK\r\n", 3000);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, "pppd: Modem hangup",
                                       5000));
  /* ... and the modem serves again. */
  chat (f, "AT\r", "\r\nOK\r\n", 2000);
  chat (f, "ATDT5550100\r", "CONNECT 33600\r\n", 5000);
  hang_up (f);
  log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);
  g_assert_nonnull (strstr (log, "escape sequence"));
}

static void
test_login (Fixture *f, gconstpointer data)
{
  g_autoptr (DtTestHdlc) hdlc = dt_test_hdlc_new ();
  g_autoptr (DtTestHdlcFrame) frame = NULL;
  guint8 algorithm;

  SKIP_IF_NO_ISP (f);
  chat (f, "ATDT5550150\r", "login: ", 5000);
  g_assert_nonnull (strstr (f->got->str, "CONNECT 33600\r\n"));
  chat (f, "dialtone\r", "Password: ", 3000);
  chat (f, "not-the-password\r", "\r\nLogin incorrect\r\n\r\nlogin: ", 3000);
  chat (f, "dialtone\r", "Password: ", 3000);
  g_string_truncate (f->got, 0);
  dt_test_isp_send (f->fd, "dialtone-secret\r");
  frame = first_frame (f, hdlc, 10000);
  g_assert_nonnull (strstr (f->got->str, "Starting PPP"));
  /* After a terminal login the PPP link has no authentication of its own. */
  g_assert_cmphex (check_lcp_confreq (frame, &algorithm), ==, 0);
  hang_up (f);

  /* Three wrong logins and the ISP hangs up. */
  chat (f, "ATDT5550150\r", "login: ", 5000);
  for (int i = 0; i < 3; i++)
    {
      chat (f, "alice\r", "Password: ", 3000);
      chat (f, "dialtone-secret\r", i < 2 ? "Login incorrect\r\n\r\nlogin: "
                                           : "Login incorrect\r\n\r\nNO CARRIER\r\n", 3000);
    }
  chat (f, "AT\r", "\r\nOK\r\n", 2000);
}

static void
test_silent (Fixture *f, gconstpointer data)
{
  GString *after = g_string_new (NULL);

  SKIP_IF_NO_ISP (f);
  chat (f, "ATDT5550180\r", "\r\nCONNECT 33600\r\n", 5000);
  /* Nobody answers, whatever we send. */
  dt_test_isp_send (f->fd, "~\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x24~");
  dt_test_isp_expect (f->fd, "~", 3000, after);
  g_assert_cmpuint (after->len, ==, 0);
  g_string_free (after, TRUE);
  hang_up (f);
}

static void
test_ppp_session (Fixture *f, gconstpointer data)
{
  g_autoptr (TestPeer) peer = NULL;
  g_autofree char *log = NULL;
  g_autofree char *remote = NULL;

  SKIP_IF_NO_ISP (f);
  /* 5550113: no authentication, so the scripted peer needs no secrets. */
  chat (f, "ATDT5550113\r", "CONNECT 33600\r\n", 5000);
  peer = test_peer_new (f->fd);
  test_peer_negotiate (peer, 20000);
  g_assert_cmpuint (test_peer_get_address (peer), ==, 0x0a40000a + f->line);
  g_assert_cmpuint (test_peer_get_dns (peer, 0), ==, 0x0a400035);
  g_assert_cmpuint (test_peer_get_dns (peer, 1), ==, 0x0a400036);
  g_assert_true (test_peer_ping (peer, 0x0a400001, 10000));
  test_peer_terminate (peer, 5000);
  chat (f, "", "\r\nNO CARRIER\r\n", 10000);

  remote = g_strdup_printf ("remote IP address 10.64.0.%u", 10 + f->line);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, "Connection terminated",
                                       5000));
  log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);
  g_assert_nonnull (strstr (log, "local  IP address 10.64.0.1"));
  g_assert_nonnull (strstr (log, remote));
  g_assert_nonnull (strstr (log, "rcvd [LCP TermReq"));
  chat (f, "AT\r", "\r\nOK\r\n", 2000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/isp/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("boot", test_boot);
  ADD ("connect-lcp", test_connect_lcp);
  ADD ("connect-arq", test_connect_arq);
  ADD ("identity", test_identity);
  ADD ("forced-auth", test_forced_auth);
  ADD ("outcomes", test_outcomes);
  ADD ("no-answer", test_no_answer);
  ADD ("numeric", test_numeric);
  ADD ("escape", test_escape);
  ADD ("login", test_login);
  ADD ("silent", test_silent);
  ADD ("ppp-session", test_ppp_session);
#undef ADD

  return g_test_run ();
}
