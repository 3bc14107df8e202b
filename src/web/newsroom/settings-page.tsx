import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { SOCIAL_NETWORKS, SOCIAL_NETWORK_LABELS } from '#src/domain/settings/social-networks.ts';
import { isValidTimeZone } from '#src/lib/dateline.ts';
import { Invalid } from '#src/lib/errors.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, formValues, invalidAttrs, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { optionalIdFormField } from '#src/web/route-params.ts';

/** A social link: an http(s) address, or a path on this site (the RSS feed, "/feed.xml"); never javascript: and the like. */
const socialLink = textField()
  .trim()
  .max(500, 'Use at most 500 characters.')
  .refine(
    (value) => {
      if (value === '') return true;
      if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) return true;
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'Use a full http(s) address such as https://t.me/yourchannel (or a path on this site such as /feed.xml).' },
  );

const settingsForm = z.object({
  name: textField().trim().min(1, 'The site name is required.').max(120, 'Use at most 120 characters.'),
  tagline: textField().trim().max(300, 'Use at most 300 characters.'),
  logoMediaId: optionalIdFormField('The logo must be the id (a number) of an image in the media library, or empty.'),
  timeZone: textField()
    .trim()
    .refine((zone) => zone !== '' && isValidTimeZone(zone), { message: 'Use an IANA time zone name such as Asia/Almaty.' }),
  reuseSharePercent: textField()
    .trim()
    .regex(/^\d{1,3}$/, 'The share must be a whole number from 0 to 100.')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 100, { message: 'The share must be a whole number from 0 to 100.' }),
  reusePolicyText: multilineTextField().trim().min(1, 'The republication notice is required.').max(2000, 'Use at most 2000 characters.'),
  ...Object.fromEntries(SOCIAL_NETWORKS.map((network) => [`social_${network}`, socialLink])),
});

function toValues(settings: SiteSettings): FormValues {
  return {
    name: settings.name,
    tagline: settings.tagline,
    logoMediaId: settings.logoMediaId === null ? '' : String(settings.logoMediaId),
    timeZone: settings.timeZone,
    reuseSharePercent: String(settings.reuseSharePercent),
    reusePolicyText: settings.reusePolicyText,
    ...Object.fromEntries(SOCIAL_NETWORKS.map((network) => [`social_${network}`, settings.socialLinks[network] ?? ''])),
  };
}

/** Validates the settings form; answers the settings or the messages by field. */
function parseSettings(values: FormValues): { settings: Omit<SiteSettings, 'languages' | 'defaultLanguage' | 'kazakhLatin' | 'localized'> } | { errors: FieldErrors } {
  const blank = Object.fromEntries(Object.keys(settingsForm.shape).map((key) => [key, '']));
  const parsed = settingsForm.safeParse({ ...blank, ...values });
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const data = parsed.data as z.output<typeof settingsForm> & Record<string, string>;
  const socialLinks: SiteSettings['socialLinks'] = {};
  for (const network of SOCIAL_NETWORKS) {
    const link = data[`social_${network}`];
    if (link) socialLinks[network] = link;
  }
  return {
    settings: {
      name: data.name,
      tagline: data.tagline,
      logoMediaId: data.logoMediaId,
      socialLinks,
      timeZone: data.timeZone,
      reuseSharePercent: data.reuseSharePercent,
      reusePolicyText: data.reusePolicyText,
    },
  };
}

function Input({ name, values, errors, type = 'text', inputMode }: { name: string; values: FormValues; errors: FieldErrors; type?: string; inputMode?: 'url' }) {
  return <input id={fieldId(name)} name={name} type={type} inputMode={inputMode} value={values[name] ?? ''} {...invalidAttrs(name, errors)} />;
}

function SettingsPage(props: { actor: SignedInActor; csrfToken: string | null; values: FormValues; errors: FieldErrors; notice?: string; message?: string }) {
  const { values, errors } = props;
  return (
    <NewsroomLayout title="Site settings" actor={props.actor} csrfToken={props.csrfToken} active="settings">
      <h1>Site settings</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/newsroom/settings" class="nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class="nr-card nr-form">
          <h2>Identity</h2>
          <div class="nr-form-row">
            <Field name="name" label="Site name" errors={errors}>
              <Input name="name" values={values} errors={errors} />
            </Field>
            <Field name="logoMediaId" label="Logo (media id)" errors={errors} hint="The id of an image in the media library; empty for the text logo.">
              <Input name="logoMediaId" values={values} errors={errors} />
            </Field>
          </div>
          <Field name="tagline" label="Tagline" errors={errors}>
            <Input name="tagline" values={values} errors={errors} />
          </Field>
          <Field name="timeZone" label="Time zone" errors={errors} hint="IANA name; used for datelines of stories without a location, e.g. Asia/Almaty.">
            <Input name="timeZone" values={values} errors={errors} />
          </Field>
        </div>
        <div class="nr-card nr-form">
          <h2>Social links</h2>
          <p class="nr-muted nr-small">Shown in the site header and footer. Leave a field empty to hide that network.</p>
          <div class="nr-form-row">
            {SOCIAL_NETWORKS.map((network) => (
              <Field name={`social_${network}`} label={SOCIAL_NETWORK_LABELS[network]} errors={errors} key={network}>
                <Input name={`social_${network}`} values={values} errors={errors} inputMode="url" />
              </Field>
            ))}
          </div>
        </div>
        <div class="nr-card nr-form">
          <h2>Republication</h2>
          <Field name="reuseSharePercent" label="Share others may reuse (%)" errors={errors} hint="0 to 100: the part of an article others may quote with a link.">
            <Input name="reuseSharePercent" values={values} errors={errors} type="number" />
          </Field>
          <Field name="reusePolicyText" label="Republication notice" errors={errors} hint="{share} stands for the percentage and {site} for the site name.">
            <textarea id={fieldId('reusePolicyText')} name="reusePolicyText" {...invalidAttrs('reusePolicyText', errors)}>
              {values.reusePolicyText ?? ''}
            </textarea>
          </Field>
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Save settings
          </button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

/** The settings page's query: `saved=1` after a successful save. */
const savedQuerySchema = z.object({ saved: z.string().optional().catch(undefined) });

/** The site settings page (admin only). */
export async function registerSettingsPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const settingsService = createSettingsService(context);
  const render = (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: { values: FormValues; errors: FieldErrors; notice?: string; message?: string }, status = 200) =>
    sendNewsroomPage(reply, <SettingsPage actor={actor} csrfToken={request.csrfToken} {...state} />, status);
  const notSaved = 'The settings were not saved: correct the fields marked below.';

  app.get('/newsroom/settings', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const settings = await settingsService.get(actor);
    const notice = savedQuerySchema.parse(request.query ?? {}).saved === '1' ? 'The settings were saved; the public site shows them now.' : undefined;
    return render(request, reply, actor, { values: toValues(settings), errors: {}, notice });
  });

  app.post('/newsroom/settings', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const outcome = parseSettings(values);
    if ('errors' in outcome) return render(request, reply, actor, { values, errors: outcome.errors, message: notSaved }, 422);
    try {
      await settingsService.update(actor, { ...(await settingsService.get(actor)), ...outcome.settings });
    } catch (error) {
      if (error instanceof Invalid) return render(request, reply, actor, { values, errors: { [error.field]: error.message }, message: notSaved }, 422);
      throw error;
    }
    return reply.redirect('/newsroom/settings?saved=1', 303);
  });
}
