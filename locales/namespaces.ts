import enActivities from "./en/activities.json" with { type: "json" };
import enBroadcasts from "./en/broadcasts.json" with { type: "json" };
import enDeadlines from "./en/deadlines.json" with { type: "json" };
import enDigest from "./en/digest.json" with { type: "json" };
import enEvents from "./en/events.json" with { type: "json" };
import enIndicators from "./en/indicators.json" with { type: "json" };
import enInterns from "./en/interns.json" with { type: "json" };
import enMessages from "./en/messages.json" with { type: "json" };
import enNetwork from "./en/network.json" with { type: "json" };
import enPrivacy from "./en/privacy.json" with { type: "json" };
import enProgress from "./en/progress.json" with { type: "json" };
import enReports from "./en/reports.json" with { type: "json" };
import frActivities from "./fr/activities.json" with { type: "json" };
import frBroadcasts from "./fr/broadcasts.json" with { type: "json" };
import frDeadlines from "./fr/deadlines.json" with { type: "json" };
import frDigest from "./fr/digest.json" with { type: "json" };
import frEvents from "./fr/events.json" with { type: "json" };
import frIndicators from "./fr/indicators.json" with { type: "json" };
import frInterns from "./fr/interns.json" with { type: "json" };
import frMessages from "./fr/messages.json" with { type: "json" };
import frNetwork from "./fr/network.json" with { type: "json" };
import frPrivacy from "./fr/privacy.json" with { type: "json" };
import frProgress from "./fr/progress.json" with { type: "json" };
import frReports from "./fr/reports.json" with { type: "json" };

/**
 * The catalogue's namespaces: one file per language each, merged by src/core/i18n.ts (a file may
 * add to a shared section such as "commands"). A feature's new file is one more line here. They are
 * listed apart from the features because feature modules read their command words while they load.
 */
export const NAMESPACES = [
  { fr: frMessages, en: enMessages },
  { fr: frDeadlines, en: enDeadlines },
  { fr: frBroadcasts, en: enBroadcasts },
  { fr: frActivities, en: enActivities },
  { fr: frIndicators, en: enIndicators },
  { fr: frProgress, en: enProgress },
  { fr: frDigest, en: enDigest },
  { fr: frReports, en: enReports },
  { fr: frEvents, en: enEvents },
  { fr: frInterns, en: enInterns },
  { fr: frNetwork, en: enNetwork },
  { fr: frPrivacy, en: enPrivacy },
] as const;
