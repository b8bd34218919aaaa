/*
 * seed.c - the method's built-in content.
 *
 * Everything here comes from the GPPAC method as Lesson 11 of
 * shared/seeds/002_6189f16a6caaf990.txt states it ("Organising
 * Multi-Stakeholder Processes"), unless a comment says otherwise.  A new
 * workshop writes this content into its record as INTENT_SEED events, so a
 * record never changes meaning when this file changes.
 */
#include <stddef.h>

#include "roundtable/model.h"

/* DESIGN.md §2 and Lesson 11, §1: police, local government, community,
 * women's organisations, military, civil society, business. */
const char *const model_default_groups[] = {
	"Community",
	"Civil society",
	"Local government",
	"Police",
	"Military",
	"Business",
	"Women's organisations",
	NULL
};

/* Lesson 11, box "Sample Ground Rules". */
static const char *const sample_rules[] = {
	"Listen to each other",
	"Stay open to learning and new perspectives",
	"Respectful behaviour",
	("Avoid disruptions or distractions (e.g. mobile phones, laptops, "
	    "side-talk, interrupting each other)"),
	"Ask questions whenever something is not clear or unresolved",
	"Commit to staying involved in the process",
	"Find common ground, while respecting and understanding differences",
};

/* Lesson 11, box "Sample Dialogue Questions for Exploring the Diversity of
 * Experiences". */
static const char *const dialogue_questions[] = {
	"How does public safety impact you personally?",
	"When do you feel most unsafe?",
	"How are you coping with insecurity?",
	"What is your greatest concern about security now?",
	"When do you feel most safe?",
	"How is security affecting our community?",
	"What changes to public safety are we seeing?",
	"How have security issues affected how we work together? Are there "
	    "new tensions among us?",
	"What are 3 main challenges that keeps us from improving security?",
	"What values in our community can we draw on to address this problem?",
	"What are the causes of or history the issues?",
	"Do we have different understandings of the history of security "
	    "challenges?",
};

/* Lesson 11, box "Suggested Caucus Questions". */
static const char *const caucus_questions[] = {
	"What do we need to know from an opposing point of view in order to "
	    "address this issue?",
	"How does our group benefit from and suffer from the status quo?",
};

/* Lesson 11, box "Sample Questions for Action Planning". */
static const char *const action_questions[] = {
	"What should we do about this issue now that we have built "
	    "relationships with each other, shared our experiences and "
	    "deepened our understanding of the issues?",
	("Of all the ideas shared, which 2 or 3 ideas seem most practical for "
	    "us to work on together?"),
	"What resources do we already have available to us?",
};

/* Lesson 11, §6 "Feedback loop" and §7 "Exit strategies" ("Lessons
 * learned"), and "Key questions for potential participants" (the exit
 * question, quoted).  The first two are put as questions here; the seed
 * states them as advice. */
static const char *const followup_questions[] = {
	"What have we done since we last met, and how will we report back to "
	    "the group and to our broader constituencies?",
	"What have we learned about the process itself that others should "
	    "know?",
	"What will be your exit strategy—when will your organisation "
	    "consider the MSP to have fulfilled its objectives and when will "
	    "it be seen to be underperforming or failing and what does it "
	    "mean for your participation?",
};

/* Lesson 11, box "Developing Terms of Reference": the components a charter
 * can include, in the box's order.  Codes are stable (they are in records);
 * "Confidentiality" comes from the same lesson's paragraph on internal and
 * external communication and the Chatham House Rule (DESIGN.md §2). */
static const struct charter_section sections[] = {
	{ 10, "1", "Goal",
	  "Statement of purpose and the group's mandate (relationship to "
	  "other initiatives as relevant)." },
	{ 20, "2", "Stakeholders and representatives",
	  "Stakeholder groups and their representatives (can include "
	  "organisational or individual representation; alternates; gender "
	  "balance; geographic or thematic spread)." },
	{ 31, "3.1", "Roles and responsibilities of participants",
	  "Roles and responsibilities for MSP participants." },
	{ 32, "3.2", "Role of the third-party facilitator",
	  "Role of the third party facilitator." },
	{ 33, "3.3", "Role and mandate of the coordinator, organiser or "
	  "secretariat",
	  "Role and mandate of coordinator/organiser/secretariat." },
	{ 41, "4.1", "Ground rules",
	  "How we interact and participate: the ground rules the room "
	  "adopted." },
	{ 42, "4.2", "Changing or selecting participants",
	  "Procedure for changing or selecting new participants." },
	{ 43, "4.3", "Communicating with the press and media",
	  "Guidelines for communicating with the press/media." },
	{ 44, "4.4", "Observers",
	  "Observer guidelines." },
	{ 45, "4.5", "Reporting to constituencies",
	  "Expectations for stakeholders to communicate with and report "
	  "feedback from their constituencies." },
	{ 46, "4.6", "Decision-making",
	  "Decision-making procedures for the dialogue and within stakeholder "
	  "groups (consensus, straw polls, voting, etc.)." },
	{ 47, "4.7", "Disputes and grievances",
	  "Dispute/grievance resolution mechanism." },
	{ 48, "4.8", "Confidentiality",
	  "What can or cannot be disclosed outside the meeting: open, the "
	  "Chatham House Rule, or off the record." },
	{ 49, "4.9", "Conflict of interest",
	  "Conflict of interest." },
	{ 50, "4.10", "Documenting meetings and tracking agreements",
	  "Procedures for documenting meetings and process for tracking "
	  "agreements." },
	{ 51, "4.11", "Reviewing the charter",
	  "Moments or timeline for reviewing or adapting the charter/Terms "
	  "of Reference." },
	{ 60, "5", "Schedule of meetings and proposed tasks",
	  "Schedule of meetings and proposed tasks." },
};

const struct charter_section *
model_charter_sections(size_t *n)
{
	*n = sizeof sections / sizeof sections[0];
	return sections;
}

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static size_t
put(struct intent *out, size_t max, size_t n, int kind, int status,
    uint32_t ref, const char *text, const char *text2)
{
	if (n < max) {
		struct intent *in = &out[n];

		*in = (struct intent){ 0 };
		in->type = INTENT_SEED;
		in->value = kind;
		in->value2 = status;
		in->ref = ref;
		in->text = (char *)text;
		in->text2 = (char *)text2;
	}
	return n + 1;
}

size_t
model_seed(struct intent *out, size_t max)
{
	size_t n = 0, i;

	for (i = 0; i < NELEM(sample_rules); i++)
		n = put(out, max, n, ITEM_RULE, STATUS_DRAFT, 0,
		    sample_rules[i], NULL);
	for (i = 0; i < NELEM(dialogue_questions); i++)
		n = put(out, max, n, ITEM_QUESTION, STATUS_OPEN, 0,
		    dialogue_questions[i], NULL);
	for (i = 0; i < NELEM(caucus_questions); i++)
		n = put(out, max, n, ITEM_CAUCUS_QUESTION, STATUS_OPEN, 0,
		    caucus_questions[i], NULL);
	for (i = 0; i < NELEM(sections); i++)
		n = put(out, max, n, ITEM_SECTION, STATUS_OPEN,
		    sections[i].code, sections[i].title, sections[i].guidance);
	for (i = 0; i < NELEM(action_questions); i++)
		n = put(out, max, n, ITEM_ACTION_QUESTION, STATUS_OPEN, 0,
		    action_questions[i], NULL);
	for (i = 0; i < NELEM(followup_questions); i++)
		n = put(out, max, n, ITEM_FOLLOWUP_QUESTION, STATUS_OPEN, 0,
		    followup_questions[i], NULL);
	return n;
}
