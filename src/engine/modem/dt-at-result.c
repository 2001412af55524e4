/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hayes result codes, verbose (ATV1) and numeric (ATV0), as the Hayes Smartmodem, Rockwell
 * and Conexant chipsets and their many clones report them.  The numeric table follows the
 * Rockwell/Conexant numbering, which most data modems share for 0-19; the few vendors with
 * their own numbering (US Robotics' ATX7 table) should be run in verbose mode, which is
 * what the default init string asks for.
 *
 * A CONNECT line comes in many shapes: "CONNECT", "CONNECT 33600",
 * "CONNECT 33600/ARQ/V34/LAPM/V42BIS", "CONNECT 115200/V42", "CONNECT 28800/REL",
 * "CONNECT 64K", "CONNECT 75TX/1200RX".  Only the rate matters to the dialer; the rest of
 * the line is kept by the caller for the user to read. */

#include "config.h"

#include <string.h>

#include "dt-at-result.h"
#include "dt-error.h"

typedef struct {
  guint16 code;
  guint8 kind;
  guint speed;
} NumericResult;

/* Rockwell/Conexant numbering.  Rates above 33600 are the V.90 downstream rates. */
static const NumericResult numeric_results[] = {
  { 0, DT_AT_RESULT_OK, 0 },
  { 1, DT_AT_RESULT_CONNECT, 0 },
  { 2, DT_AT_RESULT_RING, 0 },
  { 3, DT_AT_RESULT_NO_CARRIER, 0 },
  { 4, DT_AT_RESULT_ERROR, 0 },
  { 5, DT_AT_RESULT_CONNECT, 1200 },
  { 6, DT_AT_RESULT_NO_DIALTONE, 0 },
  { 7, DT_AT_RESULT_BUSY, 0 },
  { 8, DT_AT_RESULT_NO_ANSWER, 0 },
  { 9, DT_AT_RESULT_CONNECT, 600 },
  { 10, DT_AT_RESULT_CONNECT, 2400 },
  { 11, DT_AT_RESULT_CONNECT, 4800 },
  { 12, DT_AT_RESULT_CONNECT, 9600 },
  { 13, DT_AT_RESULT_CONNECT, 7200 },
  { 14, DT_AT_RESULT_CONNECT, 12000 },
  { 15, DT_AT_RESULT_CONNECT, 14400 },
  { 16, DT_AT_RESULT_CONNECT, 19200 },
  { 17, DT_AT_RESULT_CONNECT, 38400 },
  { 18, DT_AT_RESULT_CONNECT, 57600 },
  { 19, DT_AT_RESULT_CONNECT, 115200 },
  { 20, DT_AT_RESULT_CONNECT, 230400 },
  { 22, DT_AT_RESULT_CONNECT, 1200 },     /* 75TX/1200RX */
  { 23, DT_AT_RESULT_CONNECT, 75 },       /* 1200TX/75RX */
  { 24, DT_AT_RESULT_DELAYED, 0 },
  { 32, DT_AT_RESULT_BLACKLISTED, 0 },
  { 33, DT_AT_RESULT_FAX, 0 },
  { 35, DT_AT_RESULT_INFO, 0 },           /* DATA */
  { 40, DT_AT_RESULT_INFO, 300 },         /* CARRIER 300 */
  { 44, DT_AT_RESULT_INFO, 1200 },        /* CARRIER 1200/75 */
  { 45, DT_AT_RESULT_INFO, 75 },          /* CARRIER 75/1200 */
  { 46, DT_AT_RESULT_INFO, 1200 },
  { 47, DT_AT_RESULT_INFO, 2400 },
  { 48, DT_AT_RESULT_INFO, 4800 },
  { 49, DT_AT_RESULT_INFO, 7200 },
  { 50, DT_AT_RESULT_INFO, 9600 },
  { 51, DT_AT_RESULT_INFO, 12000 },
  { 52, DT_AT_RESULT_INFO, 14400 },
  { 53, DT_AT_RESULT_INFO, 16800 },
  { 54, DT_AT_RESULT_INFO, 19200 },
  { 55, DT_AT_RESULT_INFO, 21600 },
  { 56, DT_AT_RESULT_INFO, 24000 },
  { 57, DT_AT_RESULT_INFO, 26400 },
  { 58, DT_AT_RESULT_INFO, 28800 },
  { 59, DT_AT_RESULT_CONNECT, 16800 },
  { 61, DT_AT_RESULT_CONNECT, 21600 },
  { 62, DT_AT_RESULT_CONNECT, 24000 },
  { 63, DT_AT_RESULT_CONNECT, 26400 },
  { 64, DT_AT_RESULT_CONNECT, 28800 },
  { 66, DT_AT_RESULT_INFO, 0 },           /* COMPRESSION: CLASS 5 */
  { 67, DT_AT_RESULT_INFO, 0 },           /* COMPRESSION: V.42 bis */
  { 69, DT_AT_RESULT_INFO, 0 },           /* COMPRESSION: NONE */
  { 70, DT_AT_RESULT_INFO, 0 },           /* PROTOCOL: NONE */
  { 77, DT_AT_RESULT_INFO, 0 },           /* PROTOCOL: LAPM */
  { 78, DT_AT_RESULT_INFO, 31200 },       /* CARRIER 31200 */
  { 79, DT_AT_RESULT_INFO, 33600 },       /* CARRIER 33600 */
  { 80, DT_AT_RESULT_INFO, 0 },           /* PROTOCOL: ALT */
  { 81, DT_AT_RESULT_INFO, 0 },           /* PROTOCOL: ALT-CELLULAR */
  { 84, DT_AT_RESULT_CONNECT, 33600 },
  { 91, DT_AT_RESULT_CONNECT, 31200 },
};

typedef struct {
  const char *text;
  guint8 kind;
  gboolean prefix;  /* the line may go on after the text (a separator must follow) */
} VerboseResult;

static const VerboseResult verbose_results[] = {
  { "OK", DT_AT_RESULT_OK, FALSE },
  { "RING", DT_AT_RESULT_RING, FALSE },
  { "NO CARRIER", DT_AT_RESULT_NO_CARRIER, FALSE },
  { "ERROR", DT_AT_RESULT_ERROR, FALSE },
  { "+CME ERROR:", DT_AT_RESULT_ERROR, TRUE },
  { "+CMS ERROR:", DT_AT_RESULT_ERROR, TRUE },
  { "+FCERROR", DT_AT_RESULT_ERROR, FALSE },
  { "COMMAND NOT SUPPORTED", DT_AT_RESULT_ERROR, FALSE },
  { "NO DIALTONE", DT_AT_RESULT_NO_DIALTONE, FALSE },
  { "NO DIAL TONE", DT_AT_RESULT_NO_DIALTONE, FALSE },
  { "NO LINE", DT_AT_RESULT_NO_DIALTONE, FALSE },
  { "LINE IN USE", DT_AT_RESULT_NO_DIALTONE, FALSE },
  { "DIGITAL LINE DETECTED", DT_AT_RESULT_NO_DIALTONE, FALSE },
  { "BUSY", DT_AT_RESULT_BUSY, FALSE },
  { "NO ANSWER", DT_AT_RESULT_NO_ANSWER, FALSE },
  { "DELAYED", DT_AT_RESULT_DELAYED, TRUE },
  { "BLACKLISTED", DT_AT_RESULT_BLACKLISTED, TRUE },
  { "BLACKLIST FULL", DT_AT_RESULT_BLACKLISTED, FALSE },
  { "VOICE", DT_AT_RESULT_VOICE, FALSE },
  { "FAX", DT_AT_RESULT_FAX, FALSE },
  { "+FCON", DT_AT_RESULT_FAX, TRUE },
  { "PROTOCOL:", DT_AT_RESULT_INFO, TRUE },
  { "COMPRESSION:", DT_AT_RESULT_INFO, TRUE },
  { "DIALING", DT_AT_RESULT_INFO, TRUE },
  { "RINGING", DT_AT_RESULT_INFO, FALSE },
  { "RINGBACK", DT_AT_RESULT_INFO, FALSE },
  { "RRING", DT_AT_RESULT_INFO, FALSE },
  { "DATA", DT_AT_RESULT_INFO, FALSE },
  { "+MCR:", DT_AT_RESULT_INFO, TRUE },
  { "+MRR:", DT_AT_RESULT_INFO, TRUE },
  { "+ER:", DT_AT_RESULT_INFO, TRUE },
  { "+DR:", DT_AT_RESULT_INFO, TRUE },
  { "+ILRR:", DT_AT_RESULT_INFO, TRUE },
};

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* TRUE when @line starts with @word, ignoring case, and the word ends there: at the end of
 * the line, at a blank or at a '/', or @word itself ends in a separator such as ':'. */
static gboolean
starts_with_word (const char *line,
                  gsize       length,
                  const char *word,
                  gsize      *word_length)
{
  gsize n = strlen (word);

  if (length < n || g_ascii_strncasecmp (line, word, n) != 0)
    return FALSE;
  *word_length = n;
  return length == n || !g_ascii_isalnum (word[n - 1]) || is_blank (line[n]) || line[n] == '/';
}

/* Reads at most nine digits (so the value fits a guint); 0 when there are none or too many. */
static guint
parse_number (const char *s,
              gsize       length,
              gsize      *consumed)
{
  guint value = 0;
  gsize i;

  for (i = 0; i < length && g_ascii_isdigit (s[i]); i++)
    if (i < 9)
      value = value * 10 + (guint) (s[i] - '0');
  *consumed = i;
  return i > 9 ? 0 : value;
}

/* The rate of a CONNECT or CARRIER line: "33600/ARQ…", "64K", "75TX/1200RX" (the receive
 * rate, which is what the user downloads at). */
static guint
parse_speed (const char *s,
             gsize       length)
{
  gsize i = 0;
  gsize n;
  guint speed;

  while (i < length && (s[i] == ' ' || s[i] == '\t'))
    i++;
  speed = parse_number (s + i, length - i, &n);
  if (n == 0)
    return 0;
  i += n;
  if (i < length && (s[i] == 'K' || s[i] == 'k') && speed < 1000000)
    return speed * 1000;
  if (length - i > 3 && g_ascii_strncasecmp (s + i, "TX/", 3) == 0)
    {
      guint rx = parse_number (s + i + 3, length - i - 3, &n);

      if (n > 0 && length - i - 3 - n >= 2 && g_ascii_strncasecmp (s + i + 3 + n, "RX", 2) == 0)
        return rx;
    }
  return speed;
}

static DtAtResultKind
parse_numeric (const char *line,
               gsize       length,
               guint      *speed)
{
  guint code = 0;

  for (gsize i = 0; i < length; i++)
    code = code * 10 + (guint) (line[i] - '0');
  for (gsize i = 0; i < G_N_ELEMENTS (numeric_results); i++)
    if (numeric_results[i].code == code)
      {
        *speed = numeric_results[i].speed;
        return numeric_results[i].kind;
      }
  return DT_AT_RESULT_UNKNOWN;
}

/**
 * dt_at_result_parse:
 * @line: one line from the modem, not necessarily nul-terminated
 * @length: its length in bytes
 * @speed: (out) (optional): the rate of a CONNECT or CARRIER line, in bps, or 0
 *
 * Classifies a line.  Surrounding blanks and line ends are ignored, case too.  Anything
 * that is not a result code (an echoed command, noise, a line longer than
 * %DT_AT_RESULT_MAX_LINE) is %DT_AT_RESULT_UNKNOWN.
 */
DtAtResultKind
dt_at_result_parse (const char *line,
                    gsize       length,
                    guint      *speed)
{
  guint dummy;
  gsize n;
  gboolean digits = TRUE;

  if (speed == NULL)
    speed = &dummy;
  *speed = 0;
  g_return_val_if_fail (line != NULL || length == 0, DT_AT_RESULT_UNKNOWN);

  while (length > 0 && is_blank (line[0]))
    line++, length--;
  while (length > 0 && is_blank (line[length - 1]))
    length--;
  if (length == 0 || length > DT_AT_RESULT_MAX_LINE)
    return DT_AT_RESULT_UNKNOWN;

  for (gsize i = 0; i < length && digits; i++)
    digits = g_ascii_isdigit (line[i]);
  if (digits)
    return length <= 3 ? parse_numeric (line, length, speed) : DT_AT_RESULT_UNKNOWN;

  if (starts_with_word (line, length, "CONNECT", &n))
    {
      *speed = parse_speed (line + n, length - n);
      return DT_AT_RESULT_CONNECT;
    }
  if (starts_with_word (line, length, "CARRIER", &n))
    {
      *speed = parse_speed (line + n, length - n);
      return DT_AT_RESULT_INFO;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (verbose_results); i++)
    {
      const VerboseResult *r = &verbose_results[i];

      if (r->prefix ? starts_with_word (line, length, r->text, &n)
                    : (strlen (r->text) == length
                       && g_ascii_strncasecmp (line, r->text, length) == 0))
        return r->kind;
    }
  return DT_AT_RESULT_UNKNOWN;
}

/* TRUE for the results that end a command: OK, CONNECT and every failure. */
gboolean
dt_at_result_is_final (DtAtResultKind kind)
{
  return kind >= DT_AT_RESULT_OK;
}

/**
 * dt_at_result_to_ras_error:
 *
 * The RAS code for a failing result, or 0 for the others.  DELAYED is 676, like BUSY: the
 * modem will dial this number again after a while, which is what redialing does.
 * BLACKLISTED is 651: the modem will not dial the number again until it is reset, so
 * redialing cannot help and the user has to read the modem's words.
 */
guint
dt_at_result_to_ras_error (DtAtResultKind kind)
{
  switch (kind)
    {
    case DT_AT_RESULT_NO_CARRIER:
      return DT_RAS_ERROR_NO_CARRIER;
    case DT_AT_RESULT_ERROR:
    case DT_AT_RESULT_BLACKLISTED:
    case DT_AT_RESULT_FAX:
      return DT_RAS_ERROR_FROM_DEVICE;
    case DT_AT_RESULT_NO_DIALTONE:
      return DT_RAS_ERROR_NO_DIALTONE;
    case DT_AT_RESULT_BUSY:
    case DT_AT_RESULT_DELAYED:
      return DT_RAS_ERROR_LINE_BUSY;
    case DT_AT_RESULT_NO_ANSWER:
      return DT_RAS_ERROR_NO_ANSWER;
    case DT_AT_RESULT_VOICE:
      return DT_RAS_ERROR_VOICE_ANSWER;
    case DT_AT_RESULT_UNKNOWN:
    case DT_AT_RESULT_INFO:
    case DT_AT_RESULT_RING:
    case DT_AT_RESULT_OK:
    case DT_AT_RESULT_CONNECT:
    default:
      return 0;
    }
}

/* A stable name for logs and tests. */
const char *
dt_at_result_kind_to_string (DtAtResultKind kind)
{
  static const char * const names[] = {
    "unknown", "info", "ring", "ok", "connect", "no-carrier", "error", "no-dialtone",
    "busy", "no-answer", "delayed", "blacklisted", "voice", "fax",
  };

  if ((guint) kind < G_N_ELEMENTS (names))
    return names[kind];
  return "invalid";
}
