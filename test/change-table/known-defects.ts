/** Product defects more than one case trips over, worded once (each case's `todo`). */

export const MARIADB_UUID =
  "uuid on MariaDB: athanor builds varchar(36), TypeORM 1.1.1 on MariaDB >= 10.7 builds the native uuid type (its schema builder: DROP COLUMN, ADD ... uuid)";

export const FK_NAMES =
  "foreign keys are matched by definition only, so a new constraint name autogenerates nothing; TypeORM's schema builder drops and re-adds the FK under its new name";
