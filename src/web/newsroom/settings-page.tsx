import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LOCALIZED_SETTING_KEYS, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { canonicalCase } from '#src/domain/settings/language-codes.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { SOCIAL_NETWORKS } from '#src/domain/settings/social-networks.ts';
import { CDN_PURGE_STYLES, isCdnPurgeStyle, type CdnPurgeStyle } from '#src/domain/settings/cdn-purge-settings.ts';
import { isViewCounting, VIEW_COUNTING_MODES, type ViewCounting } from '#src/domain/settings/view-counting.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { isValidTimeZone } from '#src/lib/dateline.ts';
import { Invalid } from '#src/lib/errors.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, formValues, invalidAttrs, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { perLanguage } from './per-language.ts';
import { optionalIdFormField } from '#src/web/route-params.ts';

/** Whether a social link is an http(s) address, or a path on this site (the RSS feed, "/feed.xml"); never javascript: and the like. */
function isSocialLink(value: string): boolean {
  if (value === '') return true;
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const settingsForm = perLanguage((t) => {
  const atMost = (max: number) => t('form.atMost', { max });
  const socialLink = textField().trim().max(500, atMost(500)).refine(isSocialLink, { message: t('settings.error.socialLink') });
  const share = t('settings.error.share');
  return z.object({
    name: textField().trim().min(1, t('settings.error.nameRequired')).max(120, atMost(120)),
    tagline: textField().trim().max(300, atMost(300)),
    logoMediaId: optionalIdFormField(t('settings.error.logo')),
    timeZone: textField()
      .trim()
      .refine((zone) => zone !== '' && isValidTimeZone(zone), { message: t('settings.error.timeZone') }),
    reuseSharePercent: textField()
      .trim()
      .regex(/^\d{1,3}$/, share)
      .transform(Number)
      .refine((n) => n >= 0 && n <= 100, { message: share }),
    reusePolicyText: multilineTextField().trim().min(1, t('settings.error.noticeRequired')).max(2000, atMost(2000)),
    ...Object.fromEntries(SOCIAL_NETWORKS.map((network) => [`social_${network}`, socialLink])),
    /** Codes separated by commas or spaces ("en, kk, ru"); the service checks each. */
    languages: textField().trim().max(200, atMost(200)),
    defaultLanguage: textField().trim().max(20),
    /** A checkbox: present ("on") when ticked. */
    kazakhLatin: textField().optional(),
    /** Empty: no WebSub hub; the service checks the URL further. */
    websubHubUrl: textField().trim().max(2000, atMost(2000)),
    /** Empty: IndexNow off. */
    indexNowEndpoint: textField().trim().max(2000, atMost(2000)),
    /** Empty with an endpoint: the service makes one. */
    indexNowKey: textField().trim().max(128, atMost(128)),
    /** A checkbox: feed items carry the full text. */
    feedsFullText: textField().optional(),
    /** Empty: no CDN purging; the service checks the URL further. */
    cdnPurgeUrl: textField().trim().max(2000, atMost(2000)),
    /** Absent (a form from before the CDN card): generic. */
    cdnPurgeStyle: textField()
      .transform((style) => style || 'generic')
      .refine(isCdnPurgeStyle, { message: t('settings.cdn.error.style') }),
    /** Empty: keep the stored token (it is never shown back). */
    cdnPurgeToken: textField().trim().max(500, atMost(500)),
    /** A checkbox: forget the stored token. */
    cdnPurgeTokenRemove: textField().optional(),
    /** Absent (a form from before the choice): counted on the server. */
    viewCounting: textField()
      .transform((mode) => mode || 'server')
      .refine(isViewCounting, { message: t('settings.cdn.error.viewCounting') }),
  });
});

/** The settings' checkboxes: absent from a form post when unticked. */
const CHECKBOXES = new Set(['kazakhLatin', 'feedsFullText', 'cdnPurgeTokenRemove']);

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
    cdnPurgeUrl: settings.cdnPurgeUrl ?? '',
    cdnPurgeStyle: settings.cdnPurgeStyle,
    viewCounting: settings.viewCounting,
    ...Object.fromEntries(
      Object.entries(settings.localized).flatMap(([language, texts]) => LOCALIZED_SETTING_KEYS.map((key) => [localizedField(language, key), texts[key] ?? ''])),
    ),
  };
}

/** The per-language texts posted for `languages`: a language's entry only when one of its fields is filled in. */
function parseLocalized(values: FormValues, languages: string[], t: NewsroomTranslator['t']): { localized: SiteSettings['localized'] } | { errors: FieldErrors } {
  const localized: SiteSettings['localized'] = {};
  const errors: FieldErrors = {};
  for (const language of languages) {
    const texts: SiteSettings['localized'][string] = {};
    for (const key of LOCALIZED_SETTING_KEYS) {
      const name = localizedField(language, key);
      const parsed = (key === 'reusePolicyText' ? multilineTextField() : textField()).trim().max(LOCALIZED_LIMITS[key], t('form.atMost', { max: LOCALIZED_LIMITS[key] })).safeParse(values[name] ?? '');
      if (!parsed.success) errors[name] = parsed.error.issues[0]?.message;
      else if (parsed.data) texts[key] = parsed.data;
    }
    if (Object.keys(texts).length > 0) localized[language] = texts;
  }
  return Object.keys(errors).length > 0 ? { errors } : { localized };
}

/**
 * Validates the settings form; answers the settings or the messages by field. The CDN token is
 * write-only: an empty field keeps `storedToken`, unless the removal box is ticked.
 */
function parseSettings(values: FormValues, translator: NewsroomTranslator, storedToken: string | null): { settings: SiteSettings } | { errors: FieldErrors } {
  const form = settingsForm(translator);
  const blank = Object.fromEntries(Object.keys(form.shape).filter((key) => !CHECKBOXES.has(key)).map((key) => [key, '']));
  const parsed = form.safeParse({ ...blank, ...values });
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const data = parsed.data as z.output<typeof form> & Record<string, string>;
  const socialLinks: SiteSettings['socialLinks'] = {};
  for (const network of SOCIAL_NETWORKS) {
    const link = data[`social_${network}`];
    if (link) socialLinks[network] = link;
  }
  const languages = data.languages.split(/[\s,]+/).filter(Boolean).map(canonicalCase);
  const texts = parseLocalized(values, languages.filter((language) => language !== data.defaultLanguage), translator.t);
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
      cdnPurgeUrl: data.cdnPurgeUrl || null,
      cdnPurgeStyle: data.cdnPurgeStyle as CdnPurgeStyle,
      cdnPurgeToken: data.cdnPurgeToken || (data.cdnPurgeTokenRemove === 'on' ? null : storedToken),
      viewCounting: data.viewCounting as ViewCounting,
    },
  };
}

function Input({ name, values, errors, type = 'text', inputMode }: { name: string; values: FormValues; errors: FieldErrors; type?: string; inputMode?: 'url' }) {
  return <input id={fieldId(name)} name={name} type={type} inputMode={inputMode} value={values[name] ?? ''} {...invalidAttrs(name, errors)} />;
}

/** The site's languages and, for each but the default, the site's name, tagline and notice in it. */
function LanguagesCard({ values, errors, stored }: { values: FormValues; errors: FieldErrors; stored: Pick<SiteSettings, 'languages' | 'defaultLanguage'> }) {
  const { t, languageLabel } = useNewsroomT();
  const others = stored.languages.filter((language) => language !== stored.defaultLanguage);
  return (
    <div class="nr-card nr-form">
      <h2>{t('settings.languages')}</h2>
      <div class="nr-form-row">
        <Field name="languages" label={t('settings.languages')} errors={errors} hint={t('settings.languagesHint')}>
          <Input name="languages" values={values} errors={errors} />
        </Field>
        <Field name="defaultLanguage" label={t('settings.defaultLanguage')} errors={errors} hint={t('settings.defaultLanguageHint')}>
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
        <label for={fieldId('kazakhLatin')}>{t('settings.kazakhLatin')}</label>
      </div>
      {others.map((language) => (
        <fieldset key={language} class="nr-fieldset">
          <legend>{languageLabel(language)}</legend>
          <p class="nr-muted nr-small">{t('settings.emptyShowsDefault')}</p>
          <div class="nr-form-row">
            <Field name={localizedField(language, 'name')} label={t('settings.siteNameIn', { language })} errors={errors}>
              <input id={fieldId(localizedField(language, 'name'))} name={localizedField(language, 'name')} type="text" lang={language} value={values[localizedField(language, 'name')] ?? ''} {...invalidAttrs(localizedField(language, 'name'), errors)} />
            </Field>
            <Field name={localizedField(language, 'tagline')} label={t('settings.taglineIn', { language })} errors={errors}>
              <input id={fieldId(localizedField(language, 'tagline'))} name={localizedField(language, 'tagline')} type="text" lang={language} value={values[localizedField(language, 'tagline')] ?? ''} {...invalidAttrs(localizedField(language, 'tagline'), errors)} />
            </Field>
          </div>
          <Field name={localizedField(language, 'reusePolicyText')} label={t('settings.noticeIn', { language })} errors={errors} hint={t('settings.noticeHint')}>
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

/** The CDN in front of the site: where and how the surrogate keys of each change are purged, and how views are counted behind it. */
function CdnCard({ values, errors, hasToken }: { values: FormValues; errors: FieldErrors; hasToken: boolean }) {
  const { t } = useNewsroomT();
  return (
    <div class="nr-card nr-form">
      <h2>{t('settings.cdn.title')}</h2>
      <p class="nr-muted nr-small">{t('settings.cdn.intro')}</p>
      <div class="nr-form-row">
        <Field name="cdnPurgeUrl" label={t('settings.cdn.url')} errors={errors} hint={t('settings.cdn.urlHint')}>
          <Input name="cdnPurgeUrl" values={values} errors={errors} inputMode="url" />
        </Field>
        <Field name="cdnPurgeStyle" label={t('settings.cdn.style')} errors={errors}>
          <select id={fieldId('cdnPurgeStyle')} name="cdnPurgeStyle" {...invalidAttrs('cdnPurgeStyle', errors)}>
            {CDN_PURGE_STYLES.map((style) => (
              <option value={style} selected={(values.cdnPurgeStyle ?? 'generic') === style} key={style}>
                {t(`settings.cdn.style.${style}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field name="cdnPurgeToken" label={t('settings.cdn.token')} errors={errors} hint={t(hasToken ? 'settings.cdn.tokenKept' : 'settings.cdn.tokenHint')}>
        <input id={fieldId('cdnPurgeToken')} name="cdnPurgeToken" type="password" autocomplete="off" value="" {...invalidAttrs('cdnPurgeToken', errors)} />
      </Field>
      {hasToken ? (
        <div class="nr-field nr-field--check">
          <input id={fieldId('cdnPurgeTokenRemove')} name="cdnPurgeTokenRemove" type="checkbox" checked={values.cdnPurgeTokenRemove === 'on'} />
          <label for={fieldId('cdnPurgeTokenRemove')}>{t('settings.cdn.tokenRemove')}</label>
        </div>
      ) : null}
      <Field name="viewCounting" label={t('settings.cdn.viewCounting')} errors={errors} hint={t('settings.cdn.viewCountingHint')}>
        <select id={fieldId('viewCounting')} name="viewCounting" {...invalidAttrs('viewCounting', errors)}>
          {VIEW_COUNTING_MODES.map((mode) => (
            <option value={mode} selected={(values.viewCounting ?? 'server') === mode} key={mode}>
              {t(`settings.cdn.viewCounting.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function SettingsPage(props: {
  actor: SignedInActor;
  csrfToken: string | null;
  values: FormValues;
  errors: FieldErrors;
  stored: Pick<SiteSettings, 'languages' | 'defaultLanguage' | 'cdnPurgeToken'>;
  notice?: string;
  message?: string;
}) {
  const { t } = useNewsroomT();
  const { values, errors } = props;
  return (
    <NewsroomLayout title={t('settings.title')} actor={props.actor} csrfToken={props.csrfToken} active="settings">
      <h1>{t('settings.title')}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/newsroom/settings" class="nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class="nr-card nr-form">
          <h2>{t('settings.identity')}</h2>
          <div class="nr-form-row">
            <Field name="name" label={t('settings.siteName')} errors={errors}>
              <Input name="name" values={values} errors={errors} />
            </Field>
            <Field name="logoMediaId" label={t('settings.logo')} errors={errors} hint={t('settings.logoHint')}>
              <Input name="logoMediaId" values={values} errors={errors} />
            </Field>
          </div>
          <Field name="tagline" label={t('settings.tagline')} errors={errors}>
            <Input name="tagline" values={values} errors={errors} />
          </Field>
          <Field name="timeZone" label={t('settings.timeZone')} errors={errors} hint={t('settings.timeZoneHint')}>
            <Input name="timeZone" values={values} errors={errors} />
          </Field>
        </div>
        <LanguagesCard values={values} errors={errors} stored={props.stored} />
        <div class="nr-card nr-form">
          <h2>{t('settings.socialLinks')}</h2>
          <p class="nr-muted nr-small">{t('settings.socialLinksHint')}</p>
          <div class="nr-form-row">
            {SOCIAL_NETWORKS.map((network) => (
              <Field name={`social_${network}`} label={t(`settings.social.${network}`)} errors={errors} key={network}>
                <Input name={`social_${network}`} values={values} errors={errors} inputMode="url" />
              </Field>
            ))}
          </div>
        </div>
        <div class="nr-card nr-form">
          <h2>{t('settings.republication')}</h2>
          <Field name="reuseSharePercent" label={t('settings.share')} errors={errors} hint={t('settings.shareHint')}>
            <Input name="reuseSharePercent" values={values} errors={errors} type="number" />
          </Field>
          <Field name="reusePolicyText" label={t('settings.notice')} errors={errors} hint={t('settings.noticeHint')}>
            <textarea id={fieldId('reusePolicyText')} name="reusePolicyText" {...invalidAttrs('reusePolicyText', errors)}>
              {values.reusePolicyText ?? ''}
            </textarea>
          </Field>
        </div>
        <DistributionCard values={values} errors={errors} />
        <CdnCard values={values} errors={errors} hasToken={props.stored.cdnPurgeToken !== null} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('settings.save')}
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

  app.get('/newsroom/settings', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const settings = await settingsService.get(actor);
    const notice = savedQuerySchema.parse(request.query ?? {}).saved === '1' ? newsroomTranslator(request).t('settings.saved') : undefined;
    return render(request, reply, actor, { values: toValues(settings), errors: {}, notice });
  });

  app.post('/newsroom/settings', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const translator = newsroomTranslator(request);
    const notSaved = translator.t('settings.notSaved');
    const outcome = parseSettings(values, translator, (await settingsService.get(actor)).cdnPurgeToken);
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
