/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtStringListGroup: a preferences group that edits an ordered list of strings (alternate
 * numbers, modem init strings): one entry row per string, with Move Up, Move Down and
 * Remove, and an Add button in the group's header.  Its "strings" property binds to a
 * GStrv property of the entry. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns a translated reason when @text is not acceptable, or NULL. */
typedef char *(*DtStringValidator) (const char *text);

#define DT_TYPE_STRING_LIST_GROUP (dt_string_list_group_get_type ())

G_DECLARE_FINAL_TYPE (DtStringListGroup, dt_string_list_group, DT, STRING_LIST_GROUP,
                      AdwPreferencesGroup)

const char * const *dt_string_list_group_get_strings   (DtStringListGroup  *self);
void                dt_string_list_group_set_strings   (DtStringListGroup  *self,
                                                        const char * const *strings);
void                dt_string_list_group_set_validator (DtStringListGroup  *self,
                                                        DtStringValidator   validator);
GtkWidget          *dt_string_list_group_get_row       (DtStringListGroup  *self,
                                                        guint               position);

G_END_DECLS
