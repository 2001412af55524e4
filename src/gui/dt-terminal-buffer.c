/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text of the terminal window: what a dumb terminal would show of the raw bytes a
 * server sends before PPP.  Carriage return goes back to the start of the line and what
 * follows overwrites it, line feed ends the line, backspace steps back (so "\b \b" erases),
 * tab goes to the next multiple of 8.  ANSI escape sequences (ESC [ … final, ESC ( B, …) and
 * the other control characters are dropped.  Bytes that are not UTF-8 are read as Latin-1,
 * as old BBSs send them, and a UTF-8 character split between two reads is put together.
 * The line the cursor is on stays in the buffer as its last line, so a prompt without a
 * newline ("login: ") shows at once.  Only the last max-lines lines are kept, and a line
 * that never ends is cut every MAX_COLUMNS characters, so a server that floods the line
 * cannot grow the buffer without bound. */

#include "config.h"

#include "dt-terminal-buffer.h"

#define MAX_COLUMNS 1024
#define TAB_WIDTH 8

typedef enum {
  ESCAPE_NONE,
  ESCAPE_START,     /* after ESC */
  ESCAPE_CSI,       /* after ESC [, until a final byte 0x40–0x7e */
  ESCAPE_CHARSET,   /* after ESC ( or ESC ): one byte names the character set */
} EscapeState;

struct _DtTerminalBuffer
{
  GtkTextBuffer parent_instance;

  guint max_lines;
  GArray *line;             /* gunichar: the cursor's line */
  guint column;
  guint8 pending[4];        /* the start of a UTF-8 character */
  guint n_pending;
  guint n_expected;
  EscapeState escape;
  GString *finished;        /* lines ended during this feed, not yet in the buffer */
  GtkTextMark *line_start;  /* where the cursor's line starts in the buffer */
};

G_DEFINE_FINAL_TYPE (DtTerminalBuffer, dt_terminal_buffer, GTK_TYPE_TEXT_BUFFER)

enum {
  PROP_0,
  PROP_MAX_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
end_line (DtTerminalBuffer *self)
{
  for (guint i = 0; i < self->line->len; i++)
    g_string_append_unichar (self->finished, g_array_index (self->line, gunichar, i));
  g_string_append_c (self->finished, '\n');
  g_array_set_size (self->line, 0);
  self->column = 0;
}

static void
put_char (DtTerminalBuffer *self,
          gunichar          c)
{
  const gunichar space = ' ';

  if (self->column >= MAX_COLUMNS)
    end_line (self);
  while (self->line->len < self->column)
    g_array_append_val (self->line, space);
  if (self->column < self->line->len)
    g_array_index (self->line, gunichar, self->column) = c;
  else
    g_array_append_val (self->line, c);
  self->column++;
}

static void
control (DtTerminalBuffer *self,
         guint8            byte)
{
  switch (byte)
    {
    case '\r':
      self->column = 0;
      break;
    case '\n':
      end_line (self);
      break;
    case '\b':
      if (self->column > 0)
        self->column--;
      break;
    case '\t':
      self->column = MIN ((self->column / TAB_WIDTH + 1) * TAB_WIDTH, MAX_COLUMNS);
      break;
    case 0x1b:
      self->escape = ESCAPE_START;
      break;
    default:
      /* NUL, bell, XON/XOFF, form feed, DEL…: nothing to show. */
      break;
    }
}

/* TRUE when @byte belonged to an escape sequence. */
static gboolean
escape (DtTerminalBuffer *self,
        guint8            byte)
{
  switch (self->escape)
    {
    case ESCAPE_NONE:
      return FALSE;
    case ESCAPE_START:
      if (byte < 0x20)
        {
          self->escape = ESCAPE_NONE;
          return FALSE;
        }
      if (byte == '[')
        self->escape = ESCAPE_CSI;
      else if (byte == '(' || byte == ')')
        self->escape = ESCAPE_CHARSET;
      else
        self->escape = ESCAPE_NONE;
      return TRUE;
    case ESCAPE_CSI:
      if (byte >= 0x20 && byte <= 0x3f)
        return TRUE;
      self->escape = ESCAPE_NONE;
      /* A control character inside the sequence cancels it and counts on its own. */
      return byte >= 0x40;
    case ESCAPE_CHARSET:
    default:
      self->escape = ESCAPE_NONE;
      return TRUE;
    }
}

/* C1 control characters (U+0080–U+009F) show nothing either. */
static void
put_printable (DtTerminalBuffer *self,
               gunichar          c)
{
  if (c < 0x80 || c > 0x9f)
    put_char (self, c);
}

/* The bytes of a sequence that did not make a character: Latin-1, one each. */
static void
flush_pending (DtTerminalBuffer *self)
{
  for (guint i = 0; i < self->n_pending; i++)
    put_printable (self, self->pending[i]);
  self->n_pending = 0;
  self->n_expected = 0;
}

static guint
utf8_length (guint8 lead)
{
  if (lead >= 0xc2 && lead <= 0xdf)
    return 2;
  if (lead >= 0xe0 && lead <= 0xef)
    return 3;
  if (lead >= 0xf0 && lead <= 0xf4)
    return 4;
  return 0;
}

static void
high_byte (DtTerminalBuffer *self,
           guint8            byte)
{
  gunichar c;

  if (self->n_pending > 0 && (byte & 0xc0) != 0x80)
    flush_pending (self);
  if (self->n_pending == 0)
    {
      self->n_expected = utf8_length (byte);
      if (self->n_expected == 0)
        {
          put_printable (self, byte);
          return;
        }
    }
  self->pending[self->n_pending++] = byte;
  if (self->n_pending < self->n_expected)
    return;
  c = g_utf8_get_char_validated ((const char *) self->pending, self->n_pending);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      flush_pending (self);
      return;
    }
  put_printable (self, c);
  self->n_pending = 0;
  self->n_expected = 0;
}

static void
feed_byte (DtTerminalBuffer *self,
           guint8            byte)
{
  if (byte >= 0x80)
    {
      self->escape = ESCAPE_NONE;
      high_byte (self, byte);
      return;
    }
  if (self->n_pending > 0)
    flush_pending (self);
  if (escape (self, byte))
    return;
  if (byte < 0x20 || byte == 0x7f)
    control (self, byte);
  else
    put_char (self, byte);
}

static void
trim (DtTerminalBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  int lines = gtk_text_buffer_get_line_count (buffer);
  GtkTextIter start, cut;

  /* The last line is the cursor's: max_lines finished lines before it. */
  if ((guint) lines <= self->max_lines + 1)
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_line (buffer, &cut, lines - 1 - self->max_lines);
  gtk_text_buffer_delete (buffer, &start, &cut);
}

/* Puts the lines finished during the feed and the cursor's line in the buffer. */
static void
show (DtTerminalBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr (GString) current = g_string_new (NULL);
  GtkTextIter start, end;

  for (guint i = 0; i < self->line->len; i++)
    g_string_append_unichar (current, g_array_index (self->line, gunichar, i));

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->line_start);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, self->finished->str, self->finished->len);
  gtk_text_buffer_move_mark (buffer, self->line_start, &start);
  gtk_text_buffer_insert (buffer, &start, current->str, current->len);
  g_string_truncate (self->finished, 0);
  trim (self);
}

/**
 * dt_terminal_buffer_feed:
 * @data: raw bytes from the line
 *
 * Shows @data as a terminal would.
 */
void
dt_terminal_buffer_feed (DtTerminalBuffer *self,
                         const guint8     *data,
                         gsize             length)
{
  g_return_if_fail (DT_IS_TERMINAL_BUFFER (self));
  g_return_if_fail (data != NULL || length == 0);

  for (gsize i = 0; i < length; i++)
    feed_byte (self, data[i]);
  show (self);
}

void
dt_terminal_buffer_set_max_lines (DtTerminalBuffer *self,
                                  guint             max_lines)
{
  g_return_if_fail (DT_IS_TERMINAL_BUFFER (self));
  g_return_if_fail (max_lines > 0);

  if (self->max_lines == max_lines)
    return;
  self->max_lines = max_lines;
  trim (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LINES]);
}

static void
dt_terminal_buffer_constructed (GObject *object)
{
  DtTerminalBuffer *self = DT_TERMINAL_BUFFER (object);
  GtkTextIter end;

  G_OBJECT_CLASS (dt_terminal_buffer_parent_class)->constructed (object);

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &end);
  self->line_start = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self), NULL, &end, TRUE);
}

static void
dt_terminal_buffer_finalize (GObject *object)
{
  DtTerminalBuffer *self = DT_TERMINAL_BUFFER (object);

  g_array_unref (self->line);
  g_string_free (self->finished, TRUE);

  G_OBJECT_CLASS (dt_terminal_buffer_parent_class)->finalize (object);
}

static void
dt_terminal_buffer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DtTerminalBuffer *self = DT_TERMINAL_BUFFER (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      g_value_set_uint (value, self->max_lines);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_terminal_buffer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtTerminalBuffer *self = DT_TERMINAL_BUFFER (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      dt_terminal_buffer_set_max_lines (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_terminal_buffer_class_init (DtTerminalBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dt_terminal_buffer_constructed;
  object_class->finalize = dt_terminal_buffer_finalize;
  object_class->get_property = dt_terminal_buffer_get_property;
  object_class->set_property = dt_terminal_buffer_set_property;

  /**
   * DtTerminalBuffer:max-lines:
   *
   * How many finished lines are kept above the cursor's line.
   */
  properties[PROP_MAX_LINES] =
    g_param_spec_uint ("max-lines", NULL, NULL, 1, G_MAXUINT, 2000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_terminal_buffer_init (DtTerminalBuffer *self)
{
  self->max_lines = 2000;
  self->line = g_array_new (FALSE, FALSE, sizeof (gunichar));
  self->finished = g_string_new (NULL);
}

DtTerminalBuffer *
dt_terminal_buffer_new (void)
{
  return g_object_new (DT_TYPE_TERMINAL_BUFFER, NULL);
}
