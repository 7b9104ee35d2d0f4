//! The `Store` impl both backends share: every method hands its pool to the backend's module
//! function of the same name, so the delegation is written once.

/// Implements `dualtrack_board::Store` for a backend type with a `pool` field, calling the
/// invoking crate's `seed`, `companies`, `listings`, `endorsements`, `accounts` and
/// `assessments` modules (macro paths resolve where the macro is used); `$db` is the backend's
/// sqlx error translator, so errors are still translated once, at the store boundary.
#[macro_export]
macro_rules! delegate_store {
    ($store:ty, $backend:literal, $db:path) => {
        #[::async_trait::async_trait]
        impl ::dualtrack_board::Store for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn ping(&self) -> Result<(), ::dualtrack_board::StoreError> {
                ::sqlx::query("SELECT 1")
                    .execute(&self.pool)
                    .await
                    .map_err($db("checking the database answers"))?;
                Ok(())
            }

            async fn is_empty(&self) -> Result<bool, ::dualtrack_board::StoreError> {
                seed::is_empty(&self.pool).await
            }

            async fn seed_demo(
                &self,
                demo: &::dualtrack_board::DemoData,
            ) -> Result<::dualtrack_board::SeedSummary, ::dualtrack_board::StoreError> {
                seed::seed(&self.pool, demo).await
            }

            async fn tags(
                &self,
            ) -> Result<Vec<::dualtrack_board::CultureTag>, ::dualtrack_board::StoreError> {
                companies::tags(&self.pool).await
            }

            async fn companies(
                &self,
            ) -> Result<Vec<::dualtrack_board::Company>, ::dualtrack_board::StoreError> {
                companies::companies(&self.pool).await
            }

            async fn company(
                &self,
                id: i64,
            ) -> Result<Option<::dualtrack_board::Company>, ::dualtrack_board::StoreError> {
                companies::company(&self.pool, id).await
            }

            async fn company_by_slug(
                &self,
                slug: &str,
            ) -> Result<Option<::dualtrack_board::Company>, ::dualtrack_board::StoreError> {
                companies::company_by_slug(&self.pool, slug).await
            }

            async fn search_listings(
                &self,
                query: &::dualtrack_board::ListingQuery,
            ) -> Result<::dualtrack_board::ListingPage, ::dualtrack_board::StoreError> {
                listings::search(&self.pool, query).await
            }

            async fn listing(
                &self,
                id: i64,
            ) -> Result<Option<::dualtrack_board::Listing>, ::dualtrack_board::StoreError> {
                listings::listing(&self.pool, id).await
            }

            async fn company_tags(
                &self,
                company_id: i64,
            ) -> Result<Vec<::dualtrack_board::TagStatus>, ::dualtrack_board::StoreError> {
                endorsements::company_tags(&self.pool, company_id).await
            }

            async fn endorse(
                &self,
                endorsement: &::dualtrack_board::NewEndorsement,
            ) -> Result<::dualtrack_board::Endorsement, ::dualtrack_board::StoreError> {
                endorsements::endorse(&self.pool, endorsement).await
            }

            async fn withdraw_endorsement(
                &self,
                account_id: i64,
                company_id: i64,
                tag: &str,
            ) -> Result<bool, ::dualtrack_board::StoreError> {
                endorsements::withdraw(&self.pool, account_id, company_id, tag).await
            }

            async fn account_endorsements(
                &self,
                account_id: i64,
            ) -> Result<Vec<::dualtrack_board::Endorsement>, ::dualtrack_board::StoreError> {
                endorsements::by_account(&self.pool, account_id).await
            }

            async fn create_account(
                &self,
                account: &::dualtrack_board::NewAccount,
            ) -> Result<::dualtrack_board::Account, ::dualtrack_board::StoreError> {
                accounts::create(&self.pool, account).await
            }

            async fn account(
                &self,
                id: i64,
            ) -> Result<Option<::dualtrack_board::Account>, ::dualtrack_board::StoreError> {
                accounts::by_id(&self.pool, id).await
            }

            async fn account_by_email(
                &self,
                email: &str,
            ) -> Result<Option<::dualtrack_board::Account>, ::dualtrack_board::StoreError> {
                accounts::by_email(&self.pool, email).await
            }

            async fn verify_account(
                &self,
                account_id: i64,
                company_id: i64,
            ) -> Result<::dualtrack_board::Account, ::dualtrack_board::StoreError> {
                accounts::verify(&self.pool, account_id, company_id).await
            }

            async fn create_session(
                &self,
                session: &::dualtrack_board::NewSession,
            ) -> Result<::dualtrack_board::Session, ::dualtrack_board::StoreError> {
                accounts::create_session(&self.pool, session).await
            }

            async fn session(
                &self,
                token_hash: &str,
                now: ::chrono::DateTime<::chrono::Utc>,
            ) -> Result<Option<::dualtrack_board::Session>, ::dualtrack_board::StoreError> {
                accounts::session(&self.pool, token_hash, now).await
            }

            async fn delete_session(
                &self,
                token_hash: &str,
            ) -> Result<bool, ::dualtrack_board::StoreError> {
                accounts::delete_session(&self.pool, token_hash).await
            }

            async fn purge_expired_sessions(
                &self,
                now: ::chrono::DateTime<::chrono::Utc>,
            ) -> Result<u64, ::dualtrack_board::StoreError> {
                accounts::purge_expired(&self.pool, now).await
            }

            async fn save_assessment(
                &self,
                new: &::dualtrack_board::NewSavedAssessment,
            ) -> Result<::dualtrack_board::SavedAssessment, ::dualtrack_board::StoreError> {
                assessments::save(&self.pool, new).await
            }

            async fn list_assessments(
                &self,
                limit: u32,
            ) -> Result<Vec<::dualtrack_board::SavedAssessment>, ::dualtrack_board::StoreError>
            {
                assessments::list(&self.pool, limit).await
            }
        }
    };
}
