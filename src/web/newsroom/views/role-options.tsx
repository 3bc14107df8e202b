import { ROLES } from '#src/domain/people/actor.ts';
import { useNewsroomT } from './newsroom-i18n.ts';

/** The roles as <option>s (values stay the role names; labels are in the newsroom's language). */
export function RoleOptions({ selected }: { selected: string }) {
  const { t } = useNewsroomT();
  return (
    <>
      {ROLES.map((role) => (
        <option value={role} selected={role === selected} key={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </>
  );
}
