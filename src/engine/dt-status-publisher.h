/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status a call's host publishes (DtConnection for a dial, DtAnswer for an incoming
 * call): the DtConnStatus fields it keeps, each set through one place that notifies the
 * host's property for it only when the value changes, and the facts its stages report. */
#pragma once

#include "dt-connection.h"
#include "dt-stage.h"

G_BEGIN_DECLS

/* The DtConnStatus fields a host may publish as properties. */
typedef enum {
  DT_STATUS_ERROR_CODE,
  DT_STATUS_ERROR_MESSAGE,
  DT_STATUS_INTERFACE,
  DT_STATUS_NETWORK_MESSAGE,
  DT_STATUS_LINK_SPEED,
  DT_STATUS_CONNECT_STRING,
  DT_STATUS_LOCAL_ADDRESS,
  DT_STATUS_REMOTE_ADDRESS,
  DT_STATUS_LOCAL_IPV6_ADDRESS,
  DT_STATUS_REMOTE_IPV6_ADDRESS,
  DT_STATUS_DNS_SERVERS,
  DT_STATUS_AUTH_PROTOCOL,
  DT_STATUS_CONNECTED_SINCE,
  DT_STATUS_BYTES_IN,
  DT_STATUS_BYTES_OUT,
  DT_STATUS_FRAMES_IN,
  DT_STATUS_FRAMES_OUT,
  DT_STATUS_FCS_ERRORS,
  DT_STATUS_IP_BYTES_IN,
  DT_STATUS_IP_BYTES_OUT,
  DT_STATUS_IP_PACKETS_IN,
  DT_STATUS_IP_PACKETS_OUT,
  DT_STATUS_IP_DROPPED_IN,
  DT_STATUS_IP_DROPPED_OUT,
  DT_STATUS_IP_ERRORS,
  DT_STATUS_COMPRESSION,
  DT_STATUS_COMPRESSION_RATIO,
  DT_STATUS_N_FIELDS
} DtStatusField;

/* A host's status and where to announce it: @pspecs has DT_STATUS_N_FIELDS entries, the
 * property of each field, NULL for a field the host keeps without publishing. */
typedef struct {
  GObject           *object;
  DtConnStatus      *status;
  GParamSpec *const *pspecs;
} DtStatusPublisher;

/* Setters: each notifies @pspec (when not NULL) only when the value changes. */
void     dt_publish_string       (GObject      *object,
                                  GParamSpec   *pspec,
                                  char        **field,
                                  const char   *value);
void     dt_publish_uint         (GObject      *object,
                                  GParamSpec   *pspec,
                                  guint        *field,
                                  guint         value);
void     dt_publish_uint64       (GObject      *object,
                                  GParamSpec   *pspec,
                                  guint64      *field,
                                  guint64       value);
void     dt_publish_strv         (GObject      *object,
                                  GParamSpec   *pspec,
                                  char       ***field,
                                  char * const *value);
void     dt_publish_date_time    (GObject      *object,
                                  GParamSpec   *pspec,
                                  GDateTime   **field,
                                  GDateTime    *value);

void     dt_status_set_error     (const DtStatusPublisher *pub,
                                  guint                    code,
                                  const char              *message);
void     dt_status_set_counters  (const DtStatusPublisher *pub,
                                  const DtCallCounters    *counters);
/* A new call: no error, no addresses, device, speed or time, counters at zero. */
void     dt_status_reset         (const DtStatusPublisher *pub);
/* The counter @field (DT_STATUS_BYTES_IN to DT_STATUS_IP_ERRORS) of @status. */
guint64  dt_status_get_counter   (const DtConnStatus      *status,
                                  DtStatusField            field);
/* A fact a stage reported that is a status field: TRUE when it was one. */
gboolean dt_status_learn         (const DtStatusPublisher *pub,
                                  DtCallFact               fact,
                                  const GValue            *value);

G_END_DECLS
