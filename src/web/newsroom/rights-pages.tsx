import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LINK_PLACEMENTS } from '#src/db/schema.ts';
import { MAX_PAGE_BYTES } from '#src/domain/rights/page-input.ts';
import type { ReuseRules } from '#src/domain/rights/reuse-policy-repository.ts';
import { createRightsService } from '#src/domain/rights/rights-service.ts';
import { Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { RightsCheckPage, RightsPolicyPage, type RightsCheckState } from './rights-views.tsx';
import { formValues, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { newsroomTranslator } from './newsroom-language.ts';

/** A pasted page form-encoded: Cyrillic takes up to six bytes a character (%D0%B0). */
const FORM_BODY_LIMIT = MAX_PAGE_BYTES * 6;

/** The policy form: a whole percent or empty, checkboxes present ("on") when ticked, a placement; its messages in the page's language. */
function policyForm(t: NewsroomTranslator['t']) {
  const shareMessage = t('rights.policy.error.share');
  return z.object({
    maxTextSharePercent: textField()
      .trim()
      .regex(/^(\d{1,3})?$/, shareMessage)
      .transform((value) => (value === '' ? null : Number(value)))
      .refine((n) => n === null || n <= 100, { message: shareMessage }),
    linkPlacement: z.enum(LINK_PLACEMENTS, { message: t('rights.policy.error.placement') }),
  });
}

function rulesValues(rules: ReuseRules): FormValues {
  const on = (value: boolean) => (value ? 'on' : '');
  return {
    maxTextSharePercent: rules.maxTextSharePercent === null ? '' : String(rules.maxTextSharePercent),
    linkRequired: on(rules.link.required),
    linkToArticle: on(rules.link.toArticle),
    linkIndexable: on(rules.link.indexable),
    linkPlacement: rules.link.placement,
    fullNeedsLicence: on(rules.fullRepublicationNeedsLicence),
  };
}

function parseRules(values: FormValues, t: NewsroomTranslator['t']): { rules: ReuseRules } | { errors: FieldErrors } {
  const parsed = policyForm(t).safeParse({ maxTextSharePercent: values.maxTextSharePercent ?? '', linkPlacement: values.linkPlacement ?? '' });
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  return {
    rules: {
      maxTextSharePercent: parsed.data.maxTextSharePercent,
      link: { required: values.linkRequired === 'on', toArticle: values.linkToArticle === 'on', indexable: values.linkIndexable === 'on', placement: parsed.data.linkPlacement },
      fullRepublicationNeedsLicence: values.fullNeedsLicence === 'on',
    },
  };
}

/** The saved-notice query of the policy page. */
const savedQuerySchema = z.object({ saved: z.string().optional().catch(undefined) });

/** The rights desk's newsroom pages: the reuse checker (editors and up) and the reuse policy (admins). Forms work without JavaScript. */
export async function registerRightsPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const rights = createRightsService(context);
  const editors = { minRole: 'editor' as const };
  const admins = { minRole: 'admin' as const };

  const renderCheck = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: RightsCheckState, status = 200) =>
    sendNewsroomPage(reply, <RightsCheckPage actor={actor} csrfToken={request.csrfToken} policy={await rights.getPolicy(actor)} state={state} />, status);

  app.get('/newsroom/rights', { config: editors }, async (request, reply) => renderCheck(request, reply, signedInActor(request), { values: {}, errors: {} }));

  app.post('/newsroom/rights', { config: editors, bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const url = (values.url ?? '').trim();
    const pasted = values.text ?? '';
    if (!url && !pasted.trim()) return renderCheck(request, reply, actor, { values, errors: { text: newsroomTranslator(request).t('rights.error.nothingToCheck') } }, 422);
    try {
      const report = await rights.check(actor, url ? { url } : values.kind === 'html' ? { html: pasted } : { text: pasted });
      // The pasted page is not sent back into the form: the findings show it, marked.
      return renderCheck(request, reply, actor, { values: { url, kind: values.kind ?? 'text' }, errors: {}, report });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const field = error.field === 'url' ? 'url' : 'text';
      return renderCheck(request, reply, actor, { values, errors: { [field]: error.message }, message: newsroomTranslator(request).t('rights.notChecked') }, 422);
    }
  });

  const renderPolicy = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: { values: FormValues; errors: FieldErrors; notice?: string; message?: string }, status = 200) => {
    const policy = await rights.getPolicy(actor);
    return sendNewsroomPage(reply, <RightsPolicyPage actor={actor} csrfToken={request.csrfToken} share={policy.maxOriginalSharePercent} {...state} />, status);
  };

  app.get('/newsroom/rights/policy', { config: admins }, async (request, reply) => {
    const actor = signedInActor(request);
    const notice = savedQuerySchema.parse(request.query ?? {}).saved === '1' ? newsroomTranslator(request).t('rights.policy.saved') : undefined;
    return renderPolicy(request, reply, actor, { values: rulesValues(await rights.getPolicy(actor)), errors: {}, notice });
  });

  app.post('/newsroom/rights/policy', { config: admins }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const { t } = newsroomTranslator(request);
    const outcome = parseRules(values, t);
    const notSaved = t('rights.policy.notSaved');
    if ('errors' in outcome) return renderPolicy(request, reply, actor, { values, errors: outcome.errors, message: notSaved }, 422);
    try {
      await rights.updateRules(actor, outcome.rules);
    } catch (error) {
      if (error instanceof Invalid) return renderPolicy(request, reply, actor, { values, errors: { [error.field]: error.message }, message: notSaved }, 422);
      throw error;
    }
    return reply.redirect('/newsroom/rights/policy?saved=1', 303);
  });
}
