import { z } from "zod";

const key = z.string().regex(/^[a-z0-9-]+$/);
const role = z.enum(["DIGITAL_ADVISER", "CLS_COORDINATOR", "HEALTH_COMMITTEE", "NETWORK_COORDINATOR", "INTERN", "PARTNER"]);

/** An indicator narrows what it counts; unknown keys are refused so a typo does not count everything. */
export const indicatorFilterSchema = z
  .object({
    eventType: z.string().optional(),
    topic: z.string().optional(),
    role: role.optional(),
    kind: z.string().optional(),
  })
  .strict();

const indicator = z.object({
  label: z.string().min(1),
  // Null: the plan sets no numeric target (shown as such, never as 0).
  target: z.number().positive().nullable(),
  unit: z.string().min(1),
  period: z.enum(["YEAR", "SEMESTER", "PLAN"]),
  computation: z.enum([
    "MANUAL",
    "COUNT_EVENTS",
    "COUNT_PARTICIPANTS",
    "COUNT_ATTENDANCE",
    "COUNT_ACTIVITIES",
    "COUNT_MEMBERS",
    "COUNT_REQUESTS",
    "COUNT_PARTNERS",
    "COUNT_ANIMATIONS",
  ]),
  filter: indicatorFilterSchema,
});

/** A plan (SDAASP, CLS...) with its axes, fiches-actions and indicators; a network may carry several. */
const plan = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  startYear: z.number().int(),
  endYear: z.number().int(),
  axes: z.array(
    z.object({
      number: z.number().int(),
      title: z.string().min(1),
      fiches: z.array(
        z.object({
          code: z.string().min(1),
          title: z.string().min(1),
          pilot: z.string().nullable(),
          partners: z.array(z.string()),
          calendar: z.string().nullable(),
          indicators: z.array(indicator),
        }),
      ),
    }),
  ),
});

/** The shape of a network seed file such as `prisma/seed/tarn-et-garonne.json`. */
export const networkSeedSchema = z.object({
  network: z.object({
    slug: key,
    name: z.string().min(1),
    timezone: z.string().min(1),
    defaultLocale: z.enum(["fr", "en"]),
    // The privacy notice's particulars and retention overrides (src/features/privacy); all optional.
    privacyController: z.string().min(1).optional(),
    privacyDpoContact: z.string().min(1).optional(),
    privacyNoticeUrl: z.url().optional(),
    privacyNotice: z.string().min(1).optional(),
    retentionDays: z.record(z.string(), z.number().int().min(1)).optional(),
  }),
  territories: z.array(
    z.object({ key, kind: z.enum(["DEPARTMENT", "EPCI", "COMMUNE"]), code: z.string().min(1), name: z.string().min(1), parent: key.nullable() }),
  ),
  organisations: z.array(
    z.object({
      key,
      name: z.string().min(1),
      kind: z.enum([
        "FRANCE_SERVICES",
        "LIBRARY",
        "ASSOCIATION",
        "MUNICIPALITY",
        "INTERCOMMUNALITY",
        "DEPARTMENT",
        "SOCIAL_SERVICES_SITE",
        "HOSPITAL",
        "HEALTH_CENTRE",
        "HEALTH_COMMUNITY",
        "OTHER",
      ]),
      territory: key.nullable(),
    }),
  ),
  plans: z
    .array(plan)
    .min(1)
    .refine((plans) => new Set(plans.map((p) => p.code)).size === plans.length, "Each plan of a network has its own code"),
  members: z.array(
    z.object({
      key,
      displayName: z.string().min(1),
      roles: z.array(role),
      locale: z.enum(["fr", "en"]),
      organisation: key.nullable(),
      territory: key.nullable(),
    }),
  ),
});

export type NetworkSeed = z.infer<typeof networkSeedSchema>;
