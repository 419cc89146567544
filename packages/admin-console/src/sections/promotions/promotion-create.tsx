// Create a promotion (POST /promotions): the promotion form with its preview against a sample basket, then
// the new promotion's page.
import { must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { PromotionEditor, usePromotionForm, usePromotionSave } from './promotion-form.tsx';
import { PromotionPreview } from './promotion-preview.tsx';
import { emptyPromotion } from './promotion-values.ts';

export function PromotionCreate(): JSX.Element {
  const { client } = useConsole();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = usePromotionForm(emptyPromotion());

  const create = usePromotionSave(form, {
    write: async (body) => must(await client.POST('/promotions', { body })),
    onSuccess: async (promotion) => {
      queryClient.setQueryData(['promotions', 'one', promotion.id], promotion);
      await queryClient.invalidateQueries({ queryKey: ['promotions', 'list'] });
      await navigate({ to: '/promotions/$id', params: { id: promotion.id } });
    },
  });

  return (
    <section aria-labelledby="create-promotion-title">
      <p className="crumbs">
        <Link to="/promotions">Promotion list</Link>
      </p>
      <h1 id="create-promotion-title">New promotion</h1>
      <PromotionEditor form={form} save={create} submitLabel="Create promotion" canSave />
      <PromotionPreview promotionForm={form} />
    </section>
  );
}
