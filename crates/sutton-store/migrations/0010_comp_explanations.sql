-- Statements in the payee's language (COMP-3). Each payout line, adjustment and credit left
-- out keeps why it is what it is as figures (a small JSON document the application writes and
-- reads; this store does not look inside) beside the English text, so that a stored run can be
-- shown in any language later without being changed. Rows stored before this migration have
-- NULL here and are shown with their English text.
ALTER TABLE comp_run_lines ADD COLUMN explanation_data TEXT;
ALTER TABLE comp_run_credits ADD COLUMN excluded_data TEXT;
ALTER TABLE comp_run_adjustments ADD COLUMN reason_data TEXT;
