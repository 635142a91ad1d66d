/** Product defects more than one case trips over, worded once (each case's `todo`). */

export const FK_NAMES =
  "foreign keys are matched by definition only, so a new constraint name autogenerates nothing; TypeORM's schema builder drops and re-adds the FK under its new name";
