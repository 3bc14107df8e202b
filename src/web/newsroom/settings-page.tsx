import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LOCALIZED_SETTING_KEYS, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { languageLabel } from '#src/lib/language-names.ts';
import { canonicalCase } from '#src/domain/settings/language-codes.ts';
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
  /** Codes separated by commas or spaces ("en, kk, ru"); the service checks each. */
  languages: textField().trim().max(200, 'Use at most 200 characters.'),
  defaultLanguage: textField().trim().max(20),
  /** A checkbox: present ("on") when ticked. */
  kazakhLatin: textField().optional(),
  /** Empty: no WebSub hub; the service checks the URL further. */
  websubHubUrl: textField().trim().max(2000, 'Use at most 2000 characters.'),
  /** Empty: IndexNow off. */
  indexNowEndpoint: textField().trim().max(2000, 'Use at most 2000 characters.'),
  /** Empty with an endpoint: the service makes one. */
  indexNowKey: textField().trim().max(128, 'Use at most 128 characters.'),
  /** A checkbox: feed items carry the full text. */
  feedsFullText: textField().optional(),
});

/** The settings' checkboxes: absent from a form post when unticked. */
const CHECKBOXES = new Set(['kazakhLatin', 'feedsFullText']);

/** The form field of one language's text of the settings (its name, tagline or notice). */
const localizedField = (language: string, key: (typeof LOCALIZED_SETTING_KEYS)[number]) => `localized_${language}_${key}`;

/** Longest per-language text, by setting: as the default language's fields allow. */
const LOCALIZED_LIMITS = { name: 120, tagline: 300, reusePolicyText: 2000 } as const;

function toValues(settings: SiteSettings): FormValues {
  return {
    name: settings.name,
    tagline: settings.tagline,
    logoMediaId: settings.logoMediaId === null ? '' : String(settings.logoMediaId),
    timeZone: settings.timeZone,
    reuseSharePercent: String(settings.reuseSharePercent),
    reusePolicyText: settings.reusePolicyText,
    ...Object.fromEntries(SOCIAL_NETWORKS.map((network) => [`social_${network}`, settings.socialLinks[network] ?? ''])),
    languages: settings.languages.join(', '),
    defaultLanguage: settings.defaultLanguage,
    ...(settings.kazakhLatin ? { kazakhLatin: 'on' } : {}),
    websubHubUrl: settings.websubHubUrl ?? '',
    indexNowEndpoint: settings.indexNowEndpoint ?? '',
    indexNowKey: settings.indexNowKey ?? '',
    ...(settings.feedsFullText ? { feedsFullText: 'on' } : {}),
    ...Object.fromEntries(
      Object.entries(settings.localized).flatMap(([language, texts]) => LOCALIZED_SETTING_KEYS.map((key) => [localizedField(language, key), texts[key] ?? ''])),
    ),
  };
}

/** The per-language texts posted for `languages`: a language's entry only when one of its fields is filled in. */
function parseLocalized(values: FormValues, languages: string[]): { localized: SiteSettings['localized'] } | { errors: FieldErrors } {
  const localized: SiteSettings['localized'] = {};
  const errors: FieldErrors = {};
  for (const language of languages) {
    const texts: SiteSettings['localized'][string] = {};
    for (const key of LOCALIZED_SETTING_KEYS) {
      const name = localizedField(language, key);
      const parsed = (key === 'reusePolicyText' ? multilineTextField() : textField()).trim().max(LOCALIZED_LIMITS[key], `Use at most ${LOCALIZED_LIMITS[key]} characters.`).safeParse(values[name] ?? '');
      if (!parsed.success) errors[name] = parsed.error.issues[0]?.message;
      else if (parsed.data) texts[key] = parsed.data;
    }
    if (Object.keys(texts).length > 0) localized[language] = texts;
  }
  return Object.keys(errors).length > 0 ? { errors } : { localized };
}

/** Validates the settings form; answers the settings or the messages by field. */
function parseSettings(values: FormValues): { settings: SiteSettings } | { errors: FieldErrors } {
  const blank = Object.fromEntries(Object.keys(settingsForm.shape).filter((key) => !CHECKBOXES.has(key)).map((key) => [key, '']));
  const parsed = settingsForm.safeParse({ ...blank, ...values });
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const data = parsed.data as z.output<typeof settingsForm> & Record<string, string>;
  const socialLinks: SiteSettings['socialLinks'] = {};
  for (const network of SOCIAL_NETWORKS) {
    const link = data[`social_${network}`];
    if (link) socialLinks[network] = link;
  }
  const languages = data.languages.split(/[\s,]+/).filter(Boolean).map(canonicalCase);
  const texts = parseLocalized(values, languages.filter((language) => language !== data.defaultLanguage));
  if ('errors' in texts) return texts;
  return {
    settings: {
      name: data.name,
      tagline: data.tagline,
      logoMediaId: data.logoMediaId,
      socialLinks,
      timeZone: data.timeZone,
      reuseSharePercent: data.reuseSharePercent,
      reusePolicyText: data.reusePolicyText,
      languages,
      defaultLanguage: data.defaultLanguage,
      kazakhLatin: data.kazakhLatin === 'on',
      localized: texts.localized,
      websubHubUrl: data.websubHubUrl || null,
      indexNowEndpoint: data.indexNowEndpoint || null,
      indexNowKey: data.indexNowKey || null,
      feedsFullText: data.feedsFullText === 'on',
    },
  };
}

function Input({ name, values, errors, type = 'text', inputMode }: { name: string; values: FormValues; errors: FieldErrors; type?: string; inputMode?: 'url' }) {
  return <input id={fieldId(name)} name={name} type={type} inputMode={inputMode} value={values[name] ?? ''} {...invalidAttrs(name, errors)} />;
}

/** The site's languages and, for each but the default, the site's name, tagline and notice in it. */
function LanguagesCard({ values, errors, stored }: { values: FormValues; errors: FieldErrors; stored: Pick<SiteSettings, 'languages' | 'defaultLanguage'> }) {
  const others = stored.languages.filter((language) => language !== stored.defaultLanguage);
  return (
    <div class="nr-card nr-form">
      <h2>Languages</h2>
      <div class="nr-form-row">
        <Field name="languages" label="Languages" errors={errors} hint="BCP 47 codes separated by commas, e.g. en, kk, ru. A language articles are written in cannot be removed.">
          <Input name="languages" values={values} errors={errors} />
        </Field>
        <Field name="defaultLanguage" label="Default language" errors={errors} hint="Its pages sit at the root of the site; the others under /ru/, /kk/ …">
          <select id={fieldId('defaultLanguage')} name="defaultLanguage" {...invalidAttrs('defaultLanguage', errors)}>
            {[...new Set([...stored.languages, values.defaultLanguage ?? stored.defaultLanguage])].map((code) => (
              <option value={code} selected={(values.defaultLanguage ?? stored.defaultLanguage) === code} key={code}>
                {languageLabel(code)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div class="nr-field nr-field--check">
        <input id={fieldId('kazakhLatin')} name="kazakhLatin" type="checkbox" checked={values.kazakhLatin === 'on'} />
        <label for={fieldId('kazakhLatin')}>Kazakh articles can also be read in Latin script (/kk-latn/…)</label>
      </div>
      {others.map((language) => (
        <fieldset key={language} class="nr-fieldset">
          <legend>{languageLabel(language)}</legend>
          <p class="nr-muted nr-small">Empty fields show the default language’s text.</p>
          <div class="nr-form-row">
            <Field name={localizedField(language, 'name')} label={`Site name (${language})`} errors={errors}>
              <input id={fieldId(localizedField(language, 'name'))} name={localizedField(language, 'name')} type="text" lang={language} value={values[localizedField(language, 'name')] ?? ''} {...invalidAttrs(localizedField(language, 'name'), errors)} />
            </Field>
            <Field name={localizedField(language, 'tagline')} label={`Tagline (${language})`} errors={errors}>
              <input id={fieldId(localizedField(language, 'tagline'))} name={localizedField(language, 'tagline')} type="text" lang={language} value={values[localizedField(language, 'tagline')] ?? ''} {...invalidAttrs(localizedField(language, 'tagline'), errors)} />
            </Field>
          </div>
          <Field name={localizedField(language, 'reusePolicyText')} label={`Republication notice (${language})`} errors={errors} hint="{share} stands for the percentage and {site} for the site name.">
            <textarea id={fieldId(localizedField(language, 'reusePolicyText'))} name={localizedField(language, 'reusePolicyText')} lang={language} {...invalidAttrs(localizedField(language, 'reusePolicyText'), errors)}>
              {values[localizedField(language, 'reusePolicyText')] ?? ''}
            </textarea>
          </Field>
        </fieldset>
      ))}
    </div>
  );
}

/** Feeds and the pings that tell hubs and search engines of each change. */
function DistributionCard({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <div class="nr-card nr-form">
      <h2>Feeds and publish pings</h2>
      <div class="nr-field nr-field--check">
        <input id={fieldId('feedsFullText')} name="feedsFullText" type="checkbox" checked={values.feedsFullText === 'on'} />
        <label for={fieldId('feedsFullText')}>Feeds carry the full text of each article, followed by the republication notice (otherwise the standfirst only)</label>
      </div>
      <p class="nr-muted nr-small">Each field left empty turns its pings off. Pings go out when an article is published, updated or unpublished.</p>
      <Field name="websubHubUrl" label="WebSub hub" errors={errors} hint="Gets a publish ping for every feed the change affects; the feeds name it as their hub. E.g. https://pubsubhubbub.appspot.com/">
        <Input name="websubHubUrl" values={values} errors={errors} inputMode="url" />
      </Field>
      <div class="nr-form-row">
        <Field name="indexNowEndpoint" label="IndexNow endpoint" errors={errors} hint="Gets the changed addresses, e.g. https://api.indexnow.org/indexnow or https://yandex.com/indexnow">
          <Input name="indexNowEndpoint" values={values} errors={errors} inputMode="url" />
        </Field>
        <Field name="indexNowKey" label="IndexNow key" errors={errors} hint="8 to 128 letters, digits or “-”; empty: one is made. The site serves it at /KEY.txt.">
          <Input name="indexNowKey" values={values} errors={errors} />
        </Field>
      </div>
    </div>
  );
}

function SettingsPage(props: {
  actor: SignedInActor;
  csrfToken: string | null;
  values: FormValues;
  errors: FieldErrors;
  stored: Pick<SiteSettings, 'languages' | 'defaultLanguage'>;
  notice?: string;
  message?: string;
}) {
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
        <LanguagesCard values={values} errors={errors} stored={props.stored} />
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
        <DistributionCard values={values} errors={errors} />
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
  const render = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: { values: FormValues; errors: FieldErrors; notice?: string; message?: string }, status = 200) => {
    const stored = await settingsService.get(actor);
    return sendNewsroomPage(reply, <SettingsPage actor={actor} csrfToken={request.csrfToken} stored={stored} {...state} />, status);
  };
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
      await settingsService.update(actor, outcome.settings);
    } catch (error) {
      if (error instanceof Invalid) return render(request, reply, actor, { values, errors: { [error.field]: error.message }, message: notSaved }, 422);
      throw error;
    }
    return reply.redirect('/newsroom/settings?saved=1', 303);
  });
}
