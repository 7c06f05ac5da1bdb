import type { Db } from "../../db/database.ts";
import type { ProfileForm } from "./schema.ts";

/** Saves the member's name, organisation, territory and quiet hours as the form gave them. */
export async function saveProfileForm(db: Db, memberId: string, form: ProfileForm): Promise<void> {
  await db.member.update({
    where: { id: memberId },
    data: {
      displayName: form.displayName,
      organisationId: form.organisationId || null,
      territoryId: form.territoryId || null,
      quietStartMin: form.quietStart,
      quietEndMin: form.quietEnd,
    },
  });
}
