/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the terminal window shows of the bytes a server sends: the text a user would read
 * after each chunk, for the line endings real servers use, backspace erasing, tabs, ANSI
 * colour and cursor sequences, UTF-8 split between reads, Latin-1 from old BBSs, noise, and
 * the scrollback limit. */

#include "config.h"

#include <string.h>

#include "dt-terminal-buffer.h"

static DtTerminalBuffer *
new_buffer (void)
{
  return dt_terminal_buffer_new ();
}

static void
feed (DtTerminalBuffer *buffer,
      const char       *text)
{
  dt_terminal_buffer_feed (buffer, (const guint8 *) text, strlen (text));
}

static char *
text_of (DtTerminalBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
}

#define assert_text(buffer, expected) \
  G_STMT_START { \
    g_autofree char *got_ = text_of (buffer); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
test_login_prompt (void)
{
  DtTerminalBuffer *buffer = new_buffer ();

  /* As the ISP's login number sends it: CRLF line ends, a prompt with no newline. */
  feed (buffer, "\r\nDialtone Test ISP\r\n\r\nlogin: ");
  assert_text (buffer, "\nDialtone Test ISP\n\nlogin: ");
  /* The echo of what the user typed, then the next prompt. */
  feed (buffer, "dialtone\r\n");
  feed (buffer, "Password: ");
  assert_text (buffer, "\nDialtone Test ISP\n\nlogin: dialtone\nPassword: ");
  g_assert_finalize_object (buffer);
}

static void
test_carriage_return_overwrites (void)
{
  DtTerminalBuffer *buffer = new_buffer ();

  feed (buffer, "Checking 10%");
  feed (buffer, "\rChecking 100%\r\n");
  assert_text (buffer, "Checking 100%\n");
  /* A shorter line over a longer one leaves the rest, as on a terminal. */
  feed (buffer, "abcdef\rXY");
  assert_text (buffer, "Checking 100%\nXYcdef");
  /* A lone LF also ends the line (Unix servers without onlcr). */
  feed (buffer, "\nnext");
  assert_text (buffer, "Checking 100%\nXYcdef\nnext");
  g_assert_finalize_object (buffer);
}

static void
test_backspace (void)
{
  DtTerminalBuffer *buffer = new_buffer ();

  /* A server's echo of a user fixing a typo: "\b \b" erases, "\b" alone steps back. */
  feed (buffer, "login: dialtpne");
  feed (buffer, "\b \b\b \b\b \b");
  feed (buffer, "one");
  assert_text (buffer, "login: dialtone");
  feed (buffer, "\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\bL");
  assert_text (buffer, "Login: dialtone");
  g_assert_finalize_object (buffer);
}

static void
test_tabs_and_controls (void)
{
  DtTerminalBuffer *buffer = new_buffer ();

  feed (buffer, "a\tb\tc\r\n");
  assert_text (buffer, "a       b       c\n");
  /* NUL, bell, XON/XOFF, form feed and DEL show nothing. */
  dt_terminal_buffer_feed (buffer, (const guint8 *) "x\0y\a\x11\x13\x0cz\x7f!", 10);
  assert_text (buffer, "a       b       c\nxyz!");
  g_assert_finalize_object (buffer);
}

static void
test_escape_sequences (void)
{
  DtTerminalBuffer *buffer = new_buffer ();

  /* Colours, a cleared screen, the cursor moved, a character set chosen: none of it shows,
   * even when a sequence is split between two reads. */
  feed (buffer, "\x1b[2J\x1b[H\x1b[1;32mWelcome\x1b[0m to the \x1b(BBBS\x1b");
  feed (buffer, "[0");
  feed (buffer, "m!\r\n\x1b" "7saved\x1b" "8");
  assert_text (buffer, "Welcome to the BBS!\nsaved");
  g_assert_finalize_object (buffer);
}

static void
test_encodings (void)
{
  DtTerminalBuffer *buffer = new_buffer ();
  /* "Año ñ €" in UTF-8, the € split between two reads. */
  const guint8 utf8_a[] = { 'A', 0xc3, 0xb1, 'o', ' ', 0xc3 };
  const guint8 utf8_b[] = { 0xb1, ' ', 0xe2, 0x82 };
  const guint8 utf8_c[] = { 0xac, '\r', '\n' };
  /* "Año" in Latin-1, a stray continuation byte and a C1 control. */
  const guint8 latin1[] = { 'A', 0xf1, 'o', ' ', 0xbf, 0x85, '?' };

  dt_terminal_buffer_feed (buffer, utf8_a, sizeof utf8_a);
  assert_text (buffer, "Año ");
  dt_terminal_buffer_feed (buffer, utf8_b, sizeof utf8_b);
  dt_terminal_buffer_feed (buffer, utf8_c, sizeof utf8_c);
  dt_terminal_buffer_feed (buffer, latin1, sizeof latin1);
  assert_text (buffer, "Año ñ €\nAño ¿?");
  g_assert_finalize_object (buffer);
}

static void
test_scrollback (void)
{
  DtTerminalBuffer *buffer = new_buffer ();
  g_autoptr (GString) flood = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  dt_terminal_buffer_set_max_lines (buffer, 50);
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (flood, "line %u\r\n", i);
  feed (buffer, flood->str);
  feed (buffer, "prompt> ");
  text = text_of (buffer);
  lines = g_strsplit (text, "\n", -1);
  /* 50 finished lines, then the prompt. */
  g_assert_cmpuint (g_strv_length (lines), ==, 51);
  g_assert_cmpstr (lines[0], ==, "line 450");
  g_assert_cmpstr (lines[49], ==, "line 499");
  g_assert_cmpstr (lines[50], ==, "prompt> ");

  /* A line that never ends is cut, not grown for ever. */
  g_string_truncate (flood, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (flood, 'A' + i % 26);
  feed (buffer, flood->str);
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)), <, 60 * 1100);
  g_assert_finalize_object (buffer);
}

/* Random bytes: no crash, valid UTF-8 out, and the limit holds. */
static void
test_noise (void)
{
  DtTerminalBuffer *buffer = new_buffer ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint8 chunk[512];

  dt_terminal_buffer_set_max_lines (buffer, 100);
  for (guint n = 0; n < 400; n++)
    {
      guint length = g_rand_int_range (rand, 0, sizeof chunk);

      for (guint i = 0; i < length; i++)
        chunk[i] = g_rand_int_range (rand, 0, 256);
      dt_terminal_buffer_feed (buffer, chunk, length);
    }
  {
    g_autofree char *text = text_of (buffer);

    g_assert_true (g_utf8_validate (text, -1, NULL));
    g_assert_cmpint (gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (buffer)), <=, 101);
  }
  g_assert_finalize_object (buffer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/terminal-buffer/login-prompt", test_login_prompt);
  g_test_add_func ("/terminal-buffer/carriage-return", test_carriage_return_overwrites);
  g_test_add_func ("/terminal-buffer/backspace", test_backspace);
  g_test_add_func ("/terminal-buffer/tabs-and-controls", test_tabs_and_controls);
  g_test_add_func ("/terminal-buffer/escape-sequences", test_escape_sequences);
  g_test_add_func ("/terminal-buffer/encodings", test_encodings);
  g_test_add_func ("/terminal-buffer/scrollback", test_scrollback);
  g_test_add_func ("/terminal-buffer/noise", test_noise);
  return g_test_run ();
}
