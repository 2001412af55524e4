/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status fields a call's host (DtConnection, DtAnswer) shows as its properties: each
 * field's read-only property, named and typed as dt-connection.h and dt-answer.h say, and
 * its value from the host's DtConnStatus.  dt-status-publisher.h sets the fields and
 * notifies these properties. */
#pragma once

#include "dt-status-publisher.h"

G_BEGIN_DECLS

/* A status field that a host publishes as its property @prop. */
typedef struct {
  DtStatusField field;
  guint         prop;
} DtStatusProp;

/* For class_init, before g_object_class_install_properties(): the property of each of
 * @props, in @properties (by property) and @pspecs (DT_STATUS_N_FIELDS, by field). */
void      _dt_call_status_init_props    (const DtStatusProp  *props,
                                         gsize                n_props,
                                         GParamSpec         **properties,
                                         GParamSpec         **pspecs);
/* For get_property: TRUE, and @value, when @pspec is one of @pspecs. */
gboolean  _dt_call_status_get_property  (const DtConnStatus  *status,
                                         GParamSpec * const  *pspecs,
                                         GParamSpec          *pspec,
                                         GValue              *value);

G_END_DECLS
