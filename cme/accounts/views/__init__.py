"""Pages of the accounts app, one module per journey: signing in, passwords, two-factor
authentication, the user's own account, and user administration."""
