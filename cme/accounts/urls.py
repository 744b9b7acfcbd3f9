from django.urls import path

from cme.accounts.views import account, passwords, sign_in, two_factor, users

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.SignInView.as_view(), name="login"),
    path("sign-out/", sign_in.SignOutView.as_view(), name="logout"),
    path("forgotten-password/", passwords.forgotten_password, name="password_reset"),
    path("forgotten-password/check-your-email/", passwords.password_reset_sent, name="password_reset_sent"),
    path("set-password/<uidb64>/<token>/", passwords.SetPasswordView.as_view(), name="set_password"),
    path("account/", account.account, name="account"),
    path("account/password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/setup/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("two-factor/backup-codes/", two_factor.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("two-factor/backup-codes/new/", two_factor.two_factor_backup_codes_new, name="two_factor_backup_codes_new"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", users.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", users.user_reactivate, name="user_reactivate"),
    path("users/<int:pk>/reset-two-factor/", users.user_reset_two_factor, name="user_reset_two_factor"),
    path("users/<int:pk>/clear-lockout/", users.user_clear_lockout, name="user_clear_lockout"),
]
