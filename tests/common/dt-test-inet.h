/* The Internet checksum (RFC 1071) for the tests' own IPv4, ICMP and TCP packets: written
 * here once, apart from the engine's, so that a test checks the engine against an
 * independent sum. */
#pragma once

#include <glib.h>

/* The one's-complement sum of @len bytes at @p (an odd last byte padded with zero), added to
 * @sum (a pseudo-header's partial sum, or 0), folded and complemented: the value to write
 * into the packet's checksum field while that field is zero. */
static inline guint16
dt_test_inet_checksum (const guint8 *p,
                       gsize         len,
                       guint32       sum)
{
  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (p[i] << 8) | p[i + 1];
  if (len & 1)
    sum += p[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}
