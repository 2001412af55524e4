/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text and JSON-lines output for dialtone-cli.  The text form is
 * "<ms since start> <state number> <StateName> <detail>"; the JSON form has the keys t_ms,
 * state, name and detail.  The last line of a failed dial is "error <code> <message>". */

#include "config.h"

#include <stdio.h>

#include "dt-cli-output.h"
#include "dt-text.h"

/* Longest text printed on one line */
#define MAX_LINE 4096

struct _DtCliOutput {
  gboolean json;
  FILE *stream;
  gint64 start_us;
};

DtCliOutput *
dt_cli_output_new (gboolean  json,
                   FILE     *stream)
{
  DtCliOutput *self = g_new0 (DtCliOutput, 1);

  self->json = json;
  self->stream = stream;
  self->start_us = g_get_monotonic_time ();
  return self;
}

void
dt_cli_output_free (DtCliOutput *self)
{
  g_free (self);
}

static gint64
elapsed_ms (DtCliOutput *self)
{
  return (g_get_monotonic_time () - self->start_us) / 1000;
}

char *
dt_cli_safe_text (const char *text)
{
  char *safe = dt_text_sanitize (text, -1, MAX_LINE);

  return safe != NULL ? safe : g_strdup ("");
}

/* Escapes @text for a JSON string literal (RFC 8259 §7).  NULL gives "null" unquoted by the
 * caller's choice, so this returns an empty string for it. */
char *
dt_cli_json_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  return g_string_free (out, FALSE);
}

/* A multilink entry's sub-entry (@sub_entry 1 and on) tells its own progress: its lines say
 * which, after the state number ("3:2"), and in JSON as "sub_entry"; the connection's own
 * lines (@sub_entry 0) look as a single modem's do. */
void
dt_cli_output_state (DtCliOutput *self,
                     DtConnState  state,
                     const char  *detail,
                     guint        sub_entry)
{
  g_autofree char *which = sub_entry > 0 ? g_strdup_printf (":%u", sub_entry) : g_strdup ("");

  if (self->json)
    {
      g_autofree char *name = dt_cli_json_escape (dt_conn_state_get_name (state));
      g_autofree char *safe = dt_cli_safe_text (detail);
      g_autofree char *det = dt_cli_json_escape (safe);
      g_autofree char *sub = sub_entry > 0 ? g_strdup_printf (",\"sub_entry\":%u", sub_entry)
                                           : g_strdup ("");

      fprintf (self->stream, "{\"t_ms\":%" G_GINT64_FORMAT ",\"state\":%u,\"name\":\"%s\","
               "\"detail\":\"%s\"%s}\n", elapsed_ms (self), (guint) state, name, det, sub);
    }
  else
    {
      g_autofree char *safe = dt_cli_safe_text (detail);

      fprintf (self->stream, "%" G_GINT64_FORMAT " %u%s %s%s%s\n", elapsed_ms (self),
               (guint) state, which, dt_conn_state_get_name (state), *safe ? " " : "", safe);
    }
  fflush (self->stream);
}

static char *
json_string_or_null (const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return g_strdup ("null");
  escaped = dt_cli_json_escape (text);
  return g_strdup_printf ("\"%s\"", escaped);
}

void
dt_cli_output_connected (DtCliOutput  *self,
                         DtConnStatus *status)
{
  g_autofree char *dns = NULL;

  if (self->json)
    {
      g_autoptr (GString) list = g_string_new ("[");
      g_autofree char *local = json_string_or_null (status->local_address);
      g_autofree char *remote = json_string_or_null (status->remote_address);
      g_autofree char *iface = json_string_or_null (status->interface);
      g_autofree char *auth = json_string_or_null (status->auth_protocol);
      g_autofree char *safe_note = dt_cli_safe_text (status->network_message);
      g_autofree char *note = json_string_or_null (status->network_message ? safe_note : NULL);
      g_autofree char *local6 = json_string_or_null (status->local_ipv6_address);
      g_autofree char *remote6 = json_string_or_null (status->remote_ipv6_address);

      for (guint i = 0; status->dns_servers && status->dns_servers[i]; i++)
        {
          g_autofree char *s = json_string_or_null (status->dns_servers[i]);
          g_string_append_printf (list, "%s%s", i ? "," : "", s);
        }
      g_string_append_c (list, ']');
      fprintf (self->stream, "{\"t_ms\":%" G_GINT64_FORMAT ",\"local_address\":%s,"
               "\"remote_address\":%s,\"dns\":%s,\"interface\":%s,\"link_speed\":%u,"
               "\"auth_protocol\":%s,\"network_message\":%s,\"local_ipv6_address\":%s,"
               "\"remote_ipv6_address\":%s}\n",
               elapsed_ms (self), local, remote, list->str, iface, status->link_speed, auth, note,
               local6, remote6);
    }
  else
    {
      dns = status->dns_servers ? g_strjoinv (" ", status->dns_servers) : g_strdup ("");
      fprintf (self->stream, "local-address %s\n", status->local_address ? status->local_address : "-");
      fprintf (self->stream, "remote-address %s\n", status->remote_address ? status->remote_address : "-");
      fprintf (self->stream, "local-ipv6-address %s\n",
               status->local_ipv6_address ? status->local_ipv6_address : "-");
      fprintf (self->stream, "remote-ipv6-address %s\n",
               status->remote_ipv6_address ? status->remote_ipv6_address : "-");
      fprintf (self->stream, "dns %s\n", *dns ? dns : "-");
      fprintf (self->stream, "interface %s\n", status->interface ? status->interface : "-");
      if (status->network_message != NULL)
        {
          g_autofree char *safe = dt_cli_safe_text (status->network_message);

          fprintf (self->stream, "note %s\n", safe);
        }
    }
  fflush (self->stream);
}

void
dt_cli_output_error (DtCliOutput *self,
                     guint        code,
                     const char  *message)
{
  if (self->json)
    {
      g_autofree char *safe = dt_cli_safe_text (message);
      g_autofree char *msg = dt_cli_json_escape (safe);

      fprintf (self->stream, "{\"t_ms\":%" G_GINT64_FORMAT ",\"error\":%u,\"message\":\"%s\"}\n",
               elapsed_ms (self), code, msg);
    }
  else
    {
      g_autofree char *safe = dt_cli_safe_text (message);

      fprintf (self->stream, "error %u %s\n", code, safe);
    }
  fflush (self->stream);
}

void
dt_cli_output_note (DtCliOutput *self,
                    const char  *format,
                    ...)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  raw = g_strdup_vprintf (format, args);
  va_end (args);
  text = dt_cli_safe_text (raw);

  if (self->json)
    {
      g_autofree char *escaped = dt_cli_json_escape (text);
      fprintf (self->stream, "{\"t_ms\":%" G_GINT64_FORMAT ",\"note\":\"%s\"}\n",
               elapsed_ms (self), escaped);
    }
  else
    {
      fprintf (self->stream, "# %s\n", text);
    }
  fflush (self->stream);
}
