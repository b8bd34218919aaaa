/*
 * seed.c - the method's built-in structure: the default stakeholder groups
 * and the charter's skeleton.
 *
 * Everything here comes from the GPPAC method as Lesson 11 of
 * shared/seeds/002_6189f16a6caaf990.txt states it ("Organising
 * Multi-Stakeholder Processes"), unless a comment says otherwise.  The
 * lists a room starts with (ground rules, questions) are in its template
 * (src/templates/msp.rtt for Lesson 11).  A new workshop writes all of it
 * into its record as events, so a record never changes meaning when this
 * file or a template changes.
 *
 * The words below are the seed's, in English, marked N_() (issue 17): the
 * record keeps the English, and whoever shows a group's default name, a
 * section's title or its guidance shows it through the catalogue (the
 * screens, the charter).
 */
#include <stddef.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/model.h"

/* DESIGN.md §2 and Lesson 11, §1: police, local government, community,
 * women's organisations, military, civil society, business. */
const char *const model_default_groups[] = {
	N_("Community"),
	N_("Civil society"),
	N_("Local government"),
	N_("Police"),
	N_("Military"),
	N_("Business"),
	N_("Women's organisations"),
	NULL
};

const char *
model_group_shown(const char *name)
{
	/* The default groups are here, a template's are in the catalogue
	 * too (scripts/template-pot); a name the room typed is found there
	 * only where it is one of those, as the template's other words are
	 * (tui/content.c).  "" would be the catalogue's header. */
	if (name == NULL || name[0] == '\0')
		return name;
	return _(name);	/* remembered: drawn on every frame */
}

const char *
model_person_shown(const struct participant *p)
{
	if (p == NULL || p->name == NULL)
		return NULL;
	if (p->id == MODEL_FACILITATOR && strcmp(p->name, "Facilitator") == 0)
		return _("Facilitator");
	return p->name;
}

/* Lesson 11, box "Developing Terms of Reference": the components a charter
 * can include, in the box's order.  Codes are stable (they are in records);
 * "Confidentiality" comes from the same lesson's paragraph on internal and
 * external communication and the Chatham House Rule (DESIGN.md §2). */
static const struct charter_section sections[] = {
	{ 10, "1", N_("Goal"),
	  N_("Statement of purpose and the group's mandate (relationship to "
	  "other initiatives as relevant).") },
	{ 20, "2", N_("Stakeholders and representatives"),
	  N_("Stakeholder groups and their representatives (can include "
	  "organisational or individual representation; alternates; gender "
	  "balance; geographic or thematic spread).") },
	{ 31, "3.1", N_("Roles and responsibilities of participants"),
	  N_("Roles and responsibilities for MSP participants.") },
	{ 32, "3.2", N_("Role of the third-party facilitator"),
	  N_("Role of the third party facilitator.") },
	{ 33, "3.3", N_("Role and mandate of the coordinator, organiser or "
	  "secretariat"),
	  N_("Role and mandate of coordinator/organiser/secretariat.") },
	{ 41, "4.1", N_("Ground rules"),
	  N_("How we interact and participate: the ground rules the room "
	  "adopted.") },
	{ 42, "4.2", N_("Changing or selecting participants"),
	  N_("Procedure for changing or selecting new participants.") },
	{ 43, "4.3", N_("Communicating with the press and media"),
	  N_("Guidelines for communicating with the press/media.") },
	{ 44, "4.4", N_("Observers"),
	  N_("Observer guidelines.") },
	{ 45, "4.5", N_("Reporting to constituencies"),
	  N_("Expectations for stakeholders to communicate with and report "
	  "feedback from their constituencies.") },
	{ 46, "4.6", N_("Decision-making"),
	  N_("Decision-making procedures for the dialogue and within stakeholder "
	  "groups (consensus, straw polls, voting, etc.).") },
	{ 47, "4.7", N_("Disputes and grievances"),
	  N_("Dispute/grievance resolution mechanism.") },
	{ 48, "4.8", N_("Confidentiality"),
	  N_("What can or cannot be disclosed outside the meeting: open, the "
	  "Chatham House Rule, or off the record.") },
	{ 49, "4.9", N_("Conflict of interest"),
	  N_("Conflict of interest.") },
	{ 50, "4.10", N_("Documenting meetings and tracking agreements"),
	  N_("Procedures for documenting meetings and process for tracking "
	  "agreements.") },
	{ 51, "4.11", N_("Reviewing the charter"),
	  N_("Moments or timeline for reviewing or adapting the charter/Terms "
	  "of Reference.") },
	{ 60, "5", N_("Schedule of meetings and proposed tasks"),
	  N_("Schedule of meetings and proposed tasks.") },
};

const struct charter_section *
model_charter_sections(size_t *n)
{
	*n = sizeof sections / sizeof sections[0];
	return sections;
}
