/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test ISP modem's identity: a U.S. Robotics 56K Faxmodem, external (model 5686, product
 * code 5601, firmware 4.12.1), as it answers ATI0–ATI9 and the V.250 identification
 * commands, laid out as that modem lays them out.  The answers agree with each other and
 * with the modem's state: ATI3, AT+GMR and ATI7's FLASH rev name the same firmware, AT+GMM
 * and ATI3 the same model, AT+FCLASS=? the fax classes ATI7 lists; ATI4 shows the settings in
 * force (E, V, Q, X, L, M, B, the & settings, every S-register, the hook, the last number
 * dialed), ATI5 the factory profile stored in NVRAM (which ATZ and AT&F load), ATI6 the last
 * call (its speed, protocol, characters each way, length and why it ended).  The factory
 * S-register values are USR's (S7=60, S10=7, S11=70…).  Not compiled on its own: modem.c
 * includes it, after the Modem, info() and now_ms(). */

#define USR_MODEL "U.S. Robotics 56K FAX EXT"
#define USR_FIRMWARE "4.12.1"
#define USR_FIRMWARE_DATE "6/28/99"

/* The S-registers ATI4 and ATI5 list, in their order, and their factory values. */
static const int usr_registers[] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18, 19, 21, 22, 23, 25, 27, 28, 29,
  31, 32, 33, 34, 35, 36, 38, 39, 40, 41, 42,
};

static const int usr_factory_s[100] = {
  [2] = '+', [3] = '\r', [4] = '\n', [5] = 8, [6] = 2, [7] = 60, [8] = 2, [9] = 6, [10] = 7,
  [11] = 70, [12] = 50, [21] = 10, [22] = 17, [23] = 19, [25] = 5, [28] = 8, [29] = 20,
  [32] = 9, [36] = 14,
};

/* The & settings ATI4 and ATI5 list, in their order, with their factory values (the &F1
 * hardware flow control template USR loads at the factory). */
static const struct { char letter; int factory; } usr_amp[] = {
  { 'A', 1 }, { 'B', 1 }, { 'C', 1 }, { 'D', 2 }, { 'G', 0 }, { 'H', 1 }, { 'I', 0 },
  { 'K', 1 }, { 'M', 4 }, { 'N', 0 }, { 'P', 0 }, { 'R', 2 }, { 'S', 0 }, { 'T', 5 },
  { 'U', 0 }, { 'Y', 1 },
};

static void
usr_factory (Modem *m)
{
  memcpy (m->s, usr_factory_s, sizeof usr_factory_s);
  memset (m->amp, -1, sizeof m->amp);
  for (size_t i = 0; i < sizeof usr_amp / sizeof usr_amp[0]; i++)
    m->amp[usr_amp[i].letter - 'A'] = usr_amp[i].factory;
  m->b_level = 0;
  m->pulse = false;
}

/* AT&<letter><n>: a setting ATI4 shows is kept; one it does not is accepted, as USR accepts
 * the Hayes ones it has no use for.  &F, &W, &V and &Z are the caller's. */
static int
usr_ampersand (Modem *m, char letter, int n)
{
  if (letter < 'A' || letter > 'Z' || n > 9)
    return RC_ERROR;
  if (m->amp[letter - 'A'] >= 0)
    m->amp[letter - 'A'] = n;
  else if (!strchr ("QV", letter))
    return RC_ERROR;
  return RC_OK;
}

static size_t
usr_append (char *buf, size_t size, size_t len, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static size_t
usr_append (char *buf, size_t size, size_t len, const char *fmt, ...)
{
  va_list ap;
  int n;

  if (len >= size)
    return len;
  va_start (ap, fmt);
  n = vsnprintf (buf + len, size - len, fmt, ap);
  va_end (ap);
  return n < 0 ? len : len + (size_t) n >= size ? size - 1 : len + (size_t) n;
}

static size_t
usr_amp_lines (char *buf, size_t size, size_t len, const int *amp)
{
  for (size_t i = 0; i < sizeof usr_amp / sizeof usr_amp[0]; i++)
    len = usr_append (buf, size, len, "%s&%c%d", i % 8 == 0 ? "\r\n   " : "  ",
                      usr_amp[i].letter, amp[usr_amp[i].letter - 'A']);
  return len;
}

/* Seven a line; @skip_s1 leaves out S1 (the ring count), which NVRAM does not keep. */
static size_t
usr_register_lines (char *buf, size_t size, size_t len, const int *s, bool skip_s1)
{
  int column = 0;

  for (size_t i = 0; i < sizeof usr_registers / sizeof usr_registers[0]; i++)
    {
      int reg = usr_registers[i];

      if (skip_s1 && reg == 1)
        continue;
      len = usr_append (buf, size, len, "%sS%02d=%03d", column % 7 == 0 ? "\r\n   " : "  ",
                        reg, s[reg]);
      column++;
    }
  return len;
}

/* ATI4: the settings in force. */
static void
usr_settings (Modem *m, char *buf, size_t size)
{
  size_t len = 0;

  len = usr_append (buf, size, len,
                    USR_MODEL " Settings...\r\n\r\n"
                    "   B%d  E%d  F1  L%d  M%d  Q%d  V%d  X%d  Y0\r\n"
                    "   BAUD=115200  PARITY=N  WORDLEN=8\r\n"
                    "   DIAL=%-5s   %-8s  CID=0\r\n",
                    m->b_level, m->echo, m->l_level, m->m_level, m->quiet, m->verbose,
                    m->x_level, m->pulse ? "PULSE" : "TONE",
                    m->state == ST_ONLINE ? "OFF HOOK" : "ON HOOK");
  len = usr_amp_lines (buf, size, len, m->amp);
  len = usr_append (buf, size, len, "\r\n");
  len = usr_register_lines (buf, size, len, m->s, false);
  usr_append (buf, size, len, "\r\n\r\n   LAST DIALED #: %s", m->last_dialed);
}

/* ATI5: the profile ATZ loads, which is the factory's (AT&W is accepted and keeps nothing). */
static void
usr_nvram (char *buf, size_t size)
{
  int amp[26];
  size_t len = 0;

  memset (amp, 0, sizeof amp);
  for (size_t i = 0; i < sizeof usr_amp / sizeof usr_amp[0]; i++)
    amp[usr_amp[i].letter - 'A'] = usr_amp[i].factory;
  len = usr_append (buf, size, len,
                    USR_MODEL " NVRAM Settings...\r\n\r\n"
                    "   BAUD=115200  PARITY=N  WORDLEN=8\r\n\r\n"
                    "   DIAL=TONE    B0  F1  L2  M1  X4  Y0");
  len = usr_amp_lines (buf, size, len, amp);
  len = usr_append (buf, size, len, "\r\n");
  len = usr_register_lines (buf, size, len, usr_factory_s, true);
  usr_append (buf, size, len,
              "\r\n\r\n   STORED PHONE #0:\r\n"
              "                #1:\r\n"
              "                #2:\r\n"
              "                #3:");
}

static void
usr_duration (char *buf, size_t size, int64_t ms)
{
  int64_t s = ms / 1000;

  snprintf (buf, size, "%02d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
}

/* ATI6: the last call, or the call up now. */
static void
usr_link_diagnostics (Modem *m, char *buf, size_t size)
{
  bool online = m->state == ST_ONLINE && m->call != NULL;
  const char *connect = online ? m->call->connect : m->last.connect;
  uint64_t tx = online ? m->call_tx : m->last.tx;
  uint64_t rx = online ? m->call_rx : m->last.rx;
  char current[16], last[16];
  int speed = connect != NULL ? atoi (connect) : 0;

  usr_duration (current, sizeof current, online ? now_ms () - m->connected_at : 0);
  usr_duration (last, sizeof last, m->last.online_ms);
  snprintf (buf, size,
            USR_MODEL " Link Diagnostics...\r\n\r\n"
            "Chars sent          %10llu      Chars Received      %10llu\r\n"
            "Chars lost                   0\r\n"
            "Octets sent         %10llu      Octets Received     %10llu\r\n"
            "Blocks sent                  0      Blocks Received              0\r\n"
            "Blocks resent                0\r\n\r\n"
            "Retrains Requested           0      Retrains Granted             0\r\n"
            "Line Reversals               0      Blers                        0\r\n"
            "Link Timeouts                0      Link Naks                    0\r\n\r\n"
            "Data Compression       %s\r\n"
            "Equalization           Long\r\n"
            "Fallback               Enabled\r\n"
            "Protocol               %s\r\n"
            "Speed                  %d/%d\r\n"
            "Current Call           %s\r\n\r\n"
            "Online                 %s\r\n"
            "Reason Terminated      %s",
            (unsigned long long) tx, (unsigned long long) rx, (unsigned long long) tx,
            (unsigned long long) rx,
            connect != NULL && strstr (connect, "V42BIS") != NULL ? "V42BIS" : "NONE",
            connect != NULL && strstr (connect, "LAPM") != NULL ? "LAPM" : "NONE",
            speed, speed, current, last, online || m->last.reason == NULL ? "NONE"
                                                                          : m->last.reason);
}

/* A call ended: ATI6 keeps it. */
static void
usr_call_ended (Modem *m, const char *reason)
{
  if (m->call == NULL)
    return;
  snprintf (m->last.connect, sizeof m->last.connect, "%s",
            m->call->connect != NULL ? m->call->connect : "");
  m->last.online_ms = now_ms () - m->connected_at;
  m->last.tx = m->call_tx;
  m->last.rx = m->call_rx;
  m->last.reason = reason;
}

/* ATI0–ATI9. */
static void
usr_info (Modem *m, int n)
{
  char text[2048];

  switch (n)
    {
    case 0:
      info (m, "5601");                   /* the product code */
      break;
    case 1:
      info (m, "F6C6");                   /* the ROM checksum */
      break;
    case 3:
      info (m, USR_MODEL " V" USR_FIRMWARE);
      break;
    case 4:
      usr_settings (m, text, sizeof text);
      info (m, text);
      break;
    case 5:
      usr_nvram (text, sizeof text);
      info (m, text);
      break;
    case 6:
      usr_link_diagnostics (m, text, sizeof text);
      info (m, text);
      break;
    case 7:
      info (m, "Configuration Profile...\r\n\r\n"
               "Product type           US/Canada External\r\n"
               "Product ID:            00568602\r\n"
               "Options                V32bis,V.34+,x2,V.90\r\n"
               "Fax Options            Class 1/Class 2.0\r\n"
               "Clock Freq             92.0Mhz\r\n"
               "EPROM                  256k\r\n"
               "RAM                    32k\r\n\r\n"
               "FLASH date             " USR_FIRMWARE_DATE "\r\n"
               "FLASH rev              " USR_FIRMWARE "\r\n\r\n"
               "DSP date               " USR_FIRMWARE_DATE "\r\n"
               "DSP rev                " USR_FIRMWARE);
      break;
    default:
      /* I2 is the RAM test (its answer is the OK), I8 and I9 print nothing. */
      break;
    }
}

/* AT+GMI, AT+GMM, AT+GMR (and their "?" forms): true when @name is one of them. */
static bool
usr_identification (Modem *m, const char *name)
{
  if (strcmp (name, "GMI") == 0 || strcmp (name, "GMI?") == 0)
    info (m, "U.S. Robotics");
  else if (strcmp (name, "GMM") == 0 || strcmp (name, "GMM?") == 0)
    info (m, USR_MODEL);
  else if (strcmp (name, "GMR") == 0 || strcmp (name, "GMR?") == 0)
    info (m, USR_FIRMWARE);
  else
    return false;
  return true;
}
