// Generated from the control plane's OpenAPI document by `npm run generate:api -w @ophir/control-plane`. Do not edit.

export interface paths {
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and its organization (you become its owner)
         * @description A browser sends `X-Ophir-Session: cookie` for a cookie session: the refresh token is then set in the httpOnly, SameSite=Strict `ophir_refresh` cookie (Path=/api/auth; Secure when PUBLIC_URL is https) and left out of the body, so script never sees it; keep the access token in memory. Refused with 403 csrf_check_failed when the Origin header names another site. Without the header (API clients), the refresh token is in the body and no cookie is set.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterRequest"];
                };
            };
            responses: {
                /** @description Signed in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description A browser sends `X-Ophir-Session: cookie` for a cookie session: the refresh token is then set in the httpOnly, SameSite=Strict `ophir_refresh` cookie (Path=/api/auth; Secure when PUBLIC_URL is https) and left out of the body, so script never sees it; keep the access token in memory. Refused with 403 csrf_check_failed when the Origin header names another site. Without the header (API clients), the refresh token is in the body and no cookie is set.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair; a reused token revokes its whole family
         * @description A browser in a cookie session sends no body and the header `X-Ophir-Session: cookie`: the refresh token is read from the `ophir_refresh` cookie (the header is required with it, against CSRF: 403 csrf_check_failed without it or from another origin). API clients send the refresh token in the body. The new refresh token replaces the cookie; a refused one clears it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                /** @description New tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out the login that a refresh token belongs to
         * @description A browser in a cookie session sends no body and the header `X-Ophir-Session: cookie`: the refresh token is read from the `ophir_refresh` cookie (the header is required with it, against CSRF: 403 csrf_check_failed without it or from another origin). API clients send the refresh token in the body. Signing out revokes the token's whole family and clears the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is calling, in which organization, with which role
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change your name
         * @description Requires the viewer role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Your account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password: every session of the account ends, and this one goes on with new tokens
         * @description A wrong current password is 400 with the issue on `currentPassword`. A browser sends `X-Ophir-Session: cookie` for a cookie session: the refresh token is then set in the httpOnly, SameSite=Strict `ophir_refresh` cookie (Path=/api/auth; Secure when PUBLIC_URL is https) and left out of the body, so script never sees it; keep the access token in memory. Refused with 403 csrf_check_failed when the Origin header names another site. Without the header (API clients), the refresh token is in the body and no cookie is set.
         *
         *     Requires the viewer role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description A new session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization you are signed in to
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The organization */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the organization, set its timezone (the default zone of new campaigns and mailboxes) or whether imports verify addresses
         * @description Requires the admin role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description An IANA time zone such as Europe/Paris; abbreviations such as EST or CET are refused */
                        timezone?: string;
                        verifyLeadsAtImport?: boolean;
                    };
                };
            };
            responses: {
                /** @description The organization */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Organization"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of the organization and their roles
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Member"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/members/{membershipId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member: their sessions end, and the API keys and pending invitations they issued are revoked
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    membershipId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member's role; on a demotion their API keys are capped to it and invitations they may no longer send are revoked
         * @description Requires the admin role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    membershipId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: components["schemas"]["Role"];
                    };
                };
            };
            responses: {
                /** @description The member */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending invitations
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Invitations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Invitation"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone by email; the token is returned once
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /**
                         * @default member
                         * @enum {string}
                         */
                        role?: "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Invitation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedInvitation"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending invitation
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a pending invitation is for (organization, address, role), before accepting it
         * @description The token travels in the body, not the URL, so that it stays out of access logs. An accepted, revoked or expired invitation is 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description The invitation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPreview"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: creates your account, or adds the organization to it
         * @description A browser sends `X-Ophir-Session: cookie` for a cookie session: the refresh token is then set in the httpOnly, SameSite=Strict `ophir_refresh` cookie (Path=/api/auth; Secure when PUBLIC_URL is https) and left out of the body, so script never sees it; keep the access token in memory. Refused with 403 csrf_check_failed when the Origin header names another site. Without the header (API clients), the refresh token is in the body and no cookie is set.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        /** @description Required when the invitee has no account yet */
                        name?: string;
                        /** @description The new account's password, or the existing account's */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in to the organization */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description csrf_check_failed: the session cookie sent without `X-Ophir-Session: cookie`, or a cookie session asked for from another origin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Active API keys (never the keys themselves)
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description API keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the key is shown once
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @default member
                         * @enum {string}
                         */
                        role?: "admin" | "member" | "viewer";
                        /** Format: date-time */
                        expiresAt?: string;
                    };
                };
            };
            responses: {
                /** @description The new key */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiKey"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed what, newest first
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Checks n8n's control-plane credential (URL and signing secret)
         * @description Called by n8n workflows; HMAC-signed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The signature is valid */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** Format: date-time */
                            serverTime: string;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Campaigns (archived ones only when asked for by status)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    status?: "draft" | "active" | "paused" | "completed" | "archived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Campaigns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CampaignListItem"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a draft campaign
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCampaign"];
                };
            };
            responses: {
                /** @description The campaign */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy a campaign as a new draft: its settings, mailboxes and sequence, not its leads or results
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new draft */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One campaign with its deployment state
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a campaign; a running one has its workflow updated in place
         * @description Requires the member role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateCampaign"];
                };
            };
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/campaigns/{campaignId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a draft campaign: deploys and activates its n8n workflow
         * @description Refused (409 invalid_state) while a blocking check of the readiness checklist fails, and (409 sending_domain_failing) while the latest check of an active mailbox's sending domain fails SPF, DKIM, DMARC, MX or a blocklist, unless `domainOverride.reason` says why to send anyway; the reason and the failing checks are recorded in the audit log.
         *
         *     Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Start although an active mailbox's sending domain fails its checks; recorded in the audit log */
                        domainOverride?: {
                            /** @description Why the campaign may send although a sending domain fails its checks */
                            reason: string;
                        };
                    };
                };
            };
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause: the workflow is deactivated, nothing is sent
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused campaign
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive: the workflow is deactivated and deleted from n8n
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/run-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the campaign's workflow now and say what it did
         * @description Runs the workflow instead of waiting for its schedule (every N8N_POLL_MINUTES), then waits up to `wait` seconds for the run to claim and report its sends. The run applies everything a scheduled run does: the sending window (sends outside it are deferred to its opening), the mailboxes' daily limits and ramp, and their minimum gap (a mailbox with a gap sends at most once per run). The answer says what was claimed, sent, deferred (with until when) or failed, and, in the forecast, why the remaining due sends wait (gap or limit, with when).
         *
         *     Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Seconds to wait for the run to claim and report its sends before answering; 0 answers at once */
                    wait?: number | null;
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run finished: what it did */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunOutcome"];
                    };
                };
                /** @description The run had not finished when the wait ended: what it had done by then */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The start checklist without starting, and what the campaign can send in the next 24 hours
         * @description Each check passes or fails with its reason; a failed blocking check is what a start would be refused for. The forecast counts what each mailbox may still send today (ramp or cap, minus what it sent), the campaign's daily cap, and when the queued sends can go in their lead's sending window, computed as the workflow's Business Hours Gate will.
         *
         *     Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Checklist and forecast */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignReadiness"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/sequence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The campaign's steps and their A/B variants
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sequence */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sequence"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace the sequence (also while running); templates are validated, all problems reported at once
         * @description Requires the member role or higher.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SequenceInput"];
                };
            };
            responses: {
                /** @description The saved sequence */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sequence"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/sequence/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a sequence as the save would, saving nothing: the same problems at the same paths, for an editor checking as the marketer types
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SequenceInput"];
                };
            };
            responses: {
                /** @description The sequence would be saved as it is */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SequenceCheck"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render the steps for a real lead exactly as they will be sent (same variant and spintax)
         * @description Requires the viewer role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PreviewRequest"];
                };
            };
            responses: {
                /** @description Subject, text, HTML and headers per step */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Preview"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/test-sends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one step for a lead to a sandbox mailbox, rendered as the preview shows it; it appears in the mailbox's sandbox messages
         * @description A test is not a send of the campaign: no message, enrolment or stat changes, and a follow-up is not threaded. The mailbox must be a sandbox mailbox.
         *
         *     Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TestSendRequest"];
                };
            };
            responses: {
                /** @description Kept by the sandbox mailbox */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestSend"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The campaign's enrolments, oldest first, with cursor pagination
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    state?: components["schemas"]["EnrollmentState"];
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of enrolments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Enrollment"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Enrol leads by ids, list or filter; suppressed, inactive and already enrolled leads are skipped and counted
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EnrollLeads"];
                };
            };
            responses: {
                /** @description How many were enrolled and why others were skipped */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrollmentOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/enrollments/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What enrolling these leads would do, without enrolling: the same counts, `enrolled` being how many would be
         * @description When the enrolment itself would be refused (the campaign has no first email yet, or is finished), `blocker` says why.
         *
         *     Requires the viewer role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EnrollLeads"];
                };
            };
            responses: {
                /** @description How many would be enrolled, why others would be skipped, and what blocks it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrollmentPreview"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/enrollments/{enrollmentId}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop one lead's sequence; its waiting messages are cancelled (one already in flight is not)
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                    enrollmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The stopped enrolment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Enrollment"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every campaign's n8n workflow and the organization's inbox watcher, with their state (from the database; works while n8n is down)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deployments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Deployment"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{deploymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One deployment with its editor URL and recent executions (asks n8n; 503 while n8n is down)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deploymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deployment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeploymentDetail"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{deploymentId}/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What an operator changed in the n8n editor, node by node and parameter by parameter, with both versions for a side-by-side diff
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deploymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The drift */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Drift"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{deploymentId}/redeploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render and push the workflow again (refused while drifted: resolve the drift first)
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deploymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deployment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{deploymentId}/resolve-drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Keep the operator's n8n version (as an override) or reset the workflow to the template
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deploymentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description keep_n8n stores the edited workflow as this campaign's override; reset_to_template discards the edit
                         * @enum {string}
                         */
                        action: "keep_n8n" | "reset_to_template";
                    };
                };
            };
            responses: {
                /** @description The deployment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A workflow execution claims its batch of due sends (leased; never handed to two executions)
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignClaim"];
                };
            };
            responses: {
                /** @description The batch (items may be empty), one item per due send */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignClaimBatch"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send results from a workflow; each applied once (by eventId) and only for the attempt in flight
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SendResults"];
                };
            };
            responses: {
                /** @description What was applied */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendResultsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/inbox-replies/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An execution claims the organization's queued replies (leased; never handed to two executions), as items Send Email takes
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxRepliesClaim"];
                };
            };
            responses: {
                /** @description The batch (items may be empty), one item per reply */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxReplyClaimBatch"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/inbox-replies/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send results of replies; each applied once per reply and attempt
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxReplyResults"];
                };
            };
            responses: {
                /** @description What was applied */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendResultsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/warmup/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An execution claims the organization's due warm-up messages (leased; within each sender's daily budget and gap)
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WarmupClaim"];
                };
            };
            responses: {
                /** @description The batch (items may be empty), one item per warm-up message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupClaimBatch"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/warmup/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send results of warm-up messages; each applied once per message and attempt
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WarmupResults"];
                };
            };
            responses: {
                /** @description What was applied */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendResultsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/warmup/observations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Warm-up messages the inbox watcher found (inbox or spam, rescued or not); the first observation of each decides its placement
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WarmupObservations"];
                };
            };
            responses: {
                /** @description What was recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupObservationsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/warmup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A mailbox's warm-up settings, its ramp today, whether it is still warming, and the pool it warms up in
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupSettings"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Switch a mailbox's warm-up on or off and set its target, ramp, reply rate and weekdays rule
         * @description Switching it on starts the ramp at day 1 today; switching it off drops the warm-up messages not yet sent.
         *
         *     Requires the member role or higher.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateWarmupSettings"];
                };
            };
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupSettings"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/warmup/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A mailbox's warm-up per local day: sent, received, where its messages landed, rescued from spam, replied, placement rate
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The series, oldest day first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupSeries"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/warmup/pool": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pool this organization's mailboxes warm up in, and why nothing is exchanged when it is too small
         * @description Mailboxes of other organizations (instance pool) are only counted, never named.
         *
         *     Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The pool */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupPoolStatus"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Join or leave the instance-wide warm-up pool (where the operator allows it)
         * @description Requires the admin role or higher.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateWarmupPool"];
                };
            };
            responses: {
                /** @description The pool */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WarmupPoolStatus"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Leads, filtered, ordered by email, with cursor pagination
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    status?: components["schemas"]["LeadStatus"];
                    /** @description What checking the address found (docs/deliverability.md); unverified until checked */
                    verificationStatus?: components["schemas"]["LeadVerificationStatus"];
                    listId?: string;
                    tag?: string;
                    /** @description Part of the email, name or company */
                    search?: string;
                    /** @description "<key>:<value>": leads whose custom field equals the value */
                    customField?: string;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of leads */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Lead"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add one lead (refused when the address is suppressed)
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateLead"];
                };
            };
            responses: {
                /** @description The lead */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The custom-field names the organization's leads carry, alphabetical (at most 500): what {{lead.custom.<name>}} can name
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Custom-field names */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomFieldKeys"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the matching leads as CSV (cells that a spreadsheet would run as formulas are neutralised)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    status?: components["schemas"]["LeadStatus"];
                    /** @description What checking the address found (docs/deliverability.md); unverified until checked */
                    verificationStatus?: components["schemas"]["LeadVerificationStatus"];
                    listId?: string;
                    tag?: string;
                    /** @description Part of the email, name or company */
                    search?: string;
                    /** @description "<key>:<value>": leads whose custom field equals the value */
                    customField?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Export the chosen leads as CSV (a selection too long for a URL; cells a spreadsheet would run as formulas are neutralised)
         * @description Requires the viewer role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ExportLeads"];
                };
            };
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add and remove tags on many leads
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkTags"];
                };
            };
            responses: {
                /** @description How many leads changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            updated: number;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leads/{leadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One lead
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase a person (GDPR): removed everywhere, a hashed suppression keeps them from being mailed again
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Erased */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a lead (empty strings clear a field; customFields and tags are replaced)
         * @description Requires the member role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateLead"];
                };
            };
            responses: {
                /** @description The lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/leads/{leadId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A lead's enrolments and its timeline of messages and events, newest first
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Enrolments and timeline */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadActivity"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Static lead lists with their sizes
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Lists */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LeadList"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a static list
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LeadListInput"];
                };
            };
            responses: {
                /** @description The list */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-lists/{listId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One list (its leads: GET /api/leads?listId=...)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a list (its leads stay)
         * @description Requires the member role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a list
         * @description Requires the member role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LeadListInput"];
                };
            };
            responses: {
                /** @description The list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/lead-lists/{listId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add leads to a list
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LeadListMembers"];
                };
            };
            responses: {
                /** @description How many were added */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Remove leads from a list
         * @description Requires the member role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LeadListMembers"];
                };
            };
            responses: {
                /** @description How many were removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: number;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Imports, newest first
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Imports */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LeadImport"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a CSV (multipart/form-data file part, or the raw file as the body) and get a preview: encoding, delimiter, header, first rows, proposed mapping
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: {
                    fileName?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The CSV file: a multipart/form-data file part, or the raw file as the body */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                    "text/csv": string;
                };
            };
            responses: {
                /** @description The previewed import; commit it to start */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImportPreview"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description import_not_csv: not a CSV file; unsupported_media_type: a JSON body (upload the file itself) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description import_file_empty or import_no_email_column */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An import and its progress
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The import */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start importing with this mapping and policy; runs in the background
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CommitLeadImport"];
                };
            };
            responses: {
                /** @description Started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description import_file_expired: the uploaded file was deleted after its retention period */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Continue an interrupted or failed import from its last committed line
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Resumed */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description import_file_expired: the uploaded file was deleted after its retention period */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an import after its current batch (what was committed stays)
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress as server-sent events: `progress` from the preview through the commit to the last batch, then `end` with the final status and why
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description rate_limited: the user already holds LEAD_IMPORT_EVENT_STREAMS_PER_USER streams */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/rejected.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rows not imported (invalid or suppressed): original line number, error, original cells
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description import_file_expired: deleted after its retention period */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check the addresses of chosen leads, or of the leads a filter matches, in the background; poll the run's progress
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StartLeadVerification"];
                };
            };
            responses: {
                /** @description The run, queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadVerificationRun"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-verifications/{verificationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A verification run: its progress and how many addresses came out valid, risky, invalid or unknown
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadVerificationRun"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lead-imports/{importId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The check of an import's new leads (it starts when the import completes); null when the import verifies nothing
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run, or null */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadVerificationRun"] & (Record<string, never> | null);
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Addresses and domains the organization never mails, newest first
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    kind?: "email" | "domain" | "email_hash";
                    search?: string;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Suppression"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Suppress an address or a whole domain (idempotent)
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateSuppression"];
                };
            };
            responses: {
                /** @description Already suppressed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Suppression"];
                    };
                };
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Suppression"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suppressions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import suppressions from CSV (multipart file part or raw body): a column of addresses or domains, optional reason and source
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The CSV file: a multipart/form-data file part, or the raw file as the body */
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                    "text/csv": string;
                };
            };
            responses: {
                /** @description What was added and rejected */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SuppressionImportResult"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description unsupported_media_type: a JSON body (upload the file itself) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suppressions/{suppressionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Lift a suppression (erasure entries cannot be lifted)
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    suppressionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mailboxes campaigns can send from, each with today's usage
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Mailboxes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["MailboxListItem"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/gmail/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start connecting a Gmail mailbox: returns Google's consent URL, and sets the cookie the callback needs from this browser
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Where to send the browser */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailboxConnectStart"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/outlook/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start connecting an Outlook / Microsoft 365 mailbox: returns Microsoft's consent URL, and sets the cookie the callback needs from this browser
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Where to send the browser */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailboxConnectStart"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth2/google/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Google's redirect after consent; stores the mailbox and redirects to the app */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
                    error_description?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the app: /mailboxes?connected=<id> or ?error=<code> */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth2/microsoft/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Microsoft's redirect after consent; stores the mailbox and redirects to the app */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
                    error_description?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the app: /mailboxes?connected=<id> or ?error=<code> */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/smtp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add (or update) an SMTP mailbox; the login is verified before saving
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        displayName?: string;
                        smtp: {
                            host: string;
                            port: number;
                            tlsMode: components["schemas"]["TlsMode"];
                            /** @description Defaults to the mailbox address */
                            username?: string;
                            password: string;
                        };
                        /** @description For reply and bounce detection */
                        imap?: {
                            host: string;
                            port: number;
                            tlsMode: components["schemas"]["TlsMode"];
                            /** @description Defaults to the mailbox address */
                            username?: string;
                            /** @description Defaults to the SMTP password */
                            password?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Updated (same address) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Mailbox"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Mailbox"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/sandbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a sandbox mailbox: it captures messages instead of sending them, and starts with no ramp and no minimum gap
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        displayName?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Mailbox"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One mailbox
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The mailbox */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Mailbox"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a mailbox; refused while an active campaign uses it unless ?detach=true
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Remove the mailbox from active campaigns instead of refusing */
                    detach?: "true" | "false";
                };
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change limits (cap, ramp, gap, timezone, weight), the name, or pause/resume
         * @description Requires the member role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string | null;
                        /** @description Also the ramp ceiling */
                        dailyCap?: number;
                        rampEnabled?: boolean;
                        rampStart?: number;
                        rampStep?: number;
                        /**
                         * @description Start the ramp again from today
                         * @enum {boolean}
                         */
                        restartRamp?: true;
                        minGapSeconds?: number;
                        gapJitterSeconds?: number;
                        /** @description An IANA time zone such as Europe/Paris; abbreviations such as EST or CET are refused */
                        timezone?: string;
                        weight?: number;
                        /**
                         * @description Pause or resume sending; a mailbox that needs re-authorization is resumed by connecting it again
                         * @enum {string}
                         */
                        status?: "active" | "paused";
                    };
                };
            };
            responses: {
                /** @description The mailbox */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Mailbox"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Today's usage: limit (cap and ramp), sent, reserved, remaining and the next allowed send
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Usage */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailboxUsage"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/usage/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages sent per day (calendar days in the mailbox's timezone), oldest first
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    /** @description How many local days, today included */
                    days?: number;
                };
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sends per day */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailboxDailyUsage"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health score explained by its parts, and the auto-pause rule
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Health */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailboxHealth"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/sandbox-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages a sandbox mailbox captured, newest first
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                };
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Captured messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SandboxMessage"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/sandbox-messages/{sandboxMessageId}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lead answers a captured send: a reply, a bounce or an out-of-office, read by the inbox watcher like real mail (sandbox mailboxes only)
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                    /** @description The `id` of a captured message (GET /api/mailboxes/{mailboxId}/sandbox-messages) */
                    sandboxMessageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SandboxSimulation"];
                };
            };
            responses: {
                /** @description Received by the sandbox mailbox; the inbox watcher files it */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SimulatedSandboxMessage"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/mailboxes/{mailboxId}/access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A short-lived access token for a Gmail or Outlook mailbox (409 mailbox_needs_reauth / mailbox_unavailable when it cannot send)
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sendId?: string;
                        provider: components["schemas"]["MailboxProvider"] & unknown;
                        /**
                         * @description watch: reading the inbox, allowed while the mailbox is paused
                         * @default send
                         * @enum {string}
                         */
                        purpose?: "send" | "watch";
                    };
                };
            };
            responses: {
                /** @description The token and where to use it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BrokeredAccessToken"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/mailboxes/{mailboxId}/smtp-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An SMTP mailbox's server and login, for one execution
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sendId?: string;
                        provider: components["schemas"]["MailboxProvider"] & unknown;
                        /**
                         * @description watch: reading the inbox, allowed while the mailbox is paused
                         * @default send
                         * @enum {string}
                         */
                        purpose?: "send" | "watch";
                    };
                };
            };
            responses: {
                /** @description SMTP settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BrokeredSmtpCredentials"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/mailboxes/{mailboxId}/imap-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An SMTP mailbox's IMAP server and login, for the Inbox Watch node (409 mailbox_unavailable without IMAP settings)
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sendId?: string;
                        provider: components["schemas"]["MailboxProvider"] & unknown;
                        /**
                         * @description watch: reading the inbox, allowed while the mailbox is paused
                         * @default send
                         * @enum {string}
                         */
                        purpose?: "send" | "watch";
                    };
                };
            };
            responses: {
                /** @description IMAP settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BrokeredImapCredentials"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/sandbox-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a message "sent" from a sandbox mailbox (idempotent by Message-ID)
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sendId?: string;
                        /** Format: uuid */
                        mailboxId: string;
                        /** @description Our RFC 5322 Message-ID, angle brackets included; captures are idempotent by it */
                        messageId: string;
                        from?: string;
                        to: string;
                        /** @description Read from the message's Subject header when absent */
                        subject?: string;
                        threadId?: string | null;
                        /** @description The MIME message, base64 */
                        raw: string;
                    };
                };
            };
            responses: {
                /** @description Already captured (duplicate: true) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CapturedSandboxMessage"];
                    };
                };
                /** @description Captured */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CapturedSandboxMessage"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/mailboxes/{mailboxId}/sandbox-inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a sandbox mailbox received after the cursor (simulated replies, bounces, out-of-office), oldest first, for the Inbox Watch node
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null before the first watch */
                        cursor: string | null;
                        /** @default 100 */
                        limit?: number;
                    };
                };
            };
            responses: {
                /** @description Raw messages and the cursor after them */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SandboxInbox"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mailboxes/{mailboxId}/domain-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest check of the mailbox's sending domain: SPF, DKIM, DMARC, MX and blocklists
         * @description Each finding has its status, the record as published and what to change. Reports are renewed daily and on POST; before the first check the status is `unchecked` with no findings (docs/deliverability.md).
         *
         *     Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The latest report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendingDomainReport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Check the mailbox's sending domain now
         * @description Asks DNS (OPHIR_DNS_SERVERS) now and stores the report in place of the last one. A DKIM selector given in the body is tried beside the provider's defaults (google for Gmail, selector1 and selector2 for Microsoft 365) and kept for the daily checks.
         *
         *     Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mailboxId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The selector your provider signs with (the part before ._domainkey); kept for later checks, null forgets it */
                        dkimSelector?: string | null;
                    };
                };
            };
            responses: {
                /** @description The new report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendingDomainReport"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/inbound-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the inbox watcher saw (replies, auto-replies, bounces, complaints, unsubscribe requests); each applied once by eventId
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboundEvents"];
                };
            };
            responses: {
                /** @description What was applied, per event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundEventsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/u/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unsubscribe confirm page (HTML). Changes nothing: link scanners follow GET links */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The confirm page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not our link (HTML) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Unsubscribe: RFC 8058 one-click (body List-Unsubscribe=One-Click, no cookies or auth) or the confirm page's form */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/x-www-form-urlencoded": {
                        [key: string]: string;
                    };
                };
            };
            responses: {
                /** @description Unsubscribed (text for one-click, HTML for the form) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not our link */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/o/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open pixel: a 1x1 GIF, never cached; records an open (flagged when it looks automated) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The pixel */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not our pixel */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/c/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Click redirect to the signed target; records a click (flagged when it looks automated). Never redirects to an unsigned URL */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the link's target */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not our link (HTML) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Campaign totals and per step, variant and mailbox, from recorded events
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The numbers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignStats"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/stats/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily series in the campaign's time zone (at most 366 days per request)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (YYYY-MM-DD, in the campaign's time zone); defaults to 29 days before `to` */
                    from?: string;
                    /** @description Last day, inclusive; defaults to today in the campaign's time zone */
                    to?: string;
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per day */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignDailyStats"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The campaign's recent activity: its events, newest first, with cursor pagination
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignActivity"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{campaignId}/stats/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live stats as server-sent events: a `stats` event now, then whenever the numbers change
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An event stream of CampaignStats (event: stats) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every campaign's enrolled leads and all-time totals (sent, replies, bounces, unsubscribes, rates), for the campaigns list
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per campaign (archived ones too), newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignsOverview"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals and a daily series across the organization's campaigns (at most 366 days per request)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (YYYY-MM-DD); defaults to `days` days ending at `to` */
                    from?: string;
                    /** @description How many days end at `to` when `from` is not given (default 30) */
                    days?: number;
                    /** @description Last day, inclusive; defaults to today in the organization's time zone */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The totals of the range and one entry per day */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationStats"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/inbox-watch/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The organization's mailboxes the inbox watcher reads, each with its history cursor
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxWatchClaim"];
                };
            };
            responses: {
                /** @description Mailboxes to watch and every address of ours */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxWatchWork"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/internal/n8n/inbox-watch/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One mailbox's watch: its events are applied once by eventId, then its history cursor advances
         * @description Called by n8n workflows; HMAC-signed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxWatchResults"];
                };
            };
            responses: {
                /** @description What was applied and whether the cursor moved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxWatchResultsOutcome"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversations with leads, newest activity first, with cursor pagination
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: {
                    mailboxId?: string;
                    campaignId?: string;
                    /** @description A built-in label; `none`: threads without any label, built-in or own */
                    label?: "interested" | "not_interested" | "meeting_booked" | "out_of_office" | "wrong_person" | "none";
                    /** @description Threads with this label of the organization's own */
                    customLabelId?: string;
                    unread?: "true" | "false";
                    /** @description Part of the subject, a message's text, or the lead's email, name or company */
                    search?: string;
                    /** @description The previous page's nextCursor */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of threads */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["InboxThread"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/threads/{threadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One conversation, oldest message first: our campaign messages, what the lead wrote, replies from the inbox
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    threadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The thread with its messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxThreadDetail"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mark a thread read or unread, set or clear its label
         * @description Requires the member role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    threadId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxThreadUpdate"];
                };
            };
            responses: {
                /** @description The thread */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxThread"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/inbox/threads/{threadId}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply in the thread: queued, then sent through the thread's mailbox by the organization's inbox-watcher workflow
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    threadId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxReplyInput"];
                };
            };
            responses: {
                /** @description The queued reply */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxMessage"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's own thread labels, by name (the built-in ones are the InboxLabel values)
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The labels */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["InboxCustomLabel"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a thread label of the organization’s own
         * @description Requires the member role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InboxCustomLabelInput"];
                };
            };
            responses: {
                /** @description The label */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxCustomLabel"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/labels/{labelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a label of the organization’s own (its threads are left without a label)
         * @description Requires the member role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    labelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many threads there are, how many are unread, and when the inbox last changed
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The counts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboxSummary"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inbox live, as server-sent events: a `summary` event now, then whenever a reply arrives, a thread changes or a reply goes out
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An event stream of InboxSummary (event: summary) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's webhook subscriptions (never their secrets), each with its latest attempt and recent failures
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Endpoints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookEndpointListItem"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to event types; the signing secret is shown once
         * @description Deliveries follow the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature), at least once, retried with backoff for about a day; order is not promised. The URL must use https unless the webhook settings allow http for local targets.
         *
         *     Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                        eventTypes: components["schemas"]["WebhookEventType"][];
                        /** @default  */
                        description?: string;
                        /**
                         * Format: uuid
                         * @description Only this campaign's events (and those that name no campaign)
                         * @default null
                         */
                        campaignId?: string | null;
                    };
                };
            };
            responses: {
                /** @description The endpoint and its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook subscription, with its status and warning
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such endpoint */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a subscription and its delivery log
         * @description Requires the admin role or higher.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such endpoint */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a subscription, or disable or enable it
         * @description Requires the admin role or higher.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url?: string;
                        eventTypes?: components["schemas"]["WebhookEventType"][];
                        description?: string;
                        /** Format: uuid */
                        campaignId?: string | null;
                        /** @description Enabling again clears the failure count and the warning */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such endpoint */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/webhooks/endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret, shown once; the previous one keeps signing beside it during the overlap
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the previous secret keeps signing beside the new one
                         * @default 24
                         */
                        overlapHours?: number;
                    };
                };
            };
            responses: {
                /** @description The endpoint and its new secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/endpoints/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the endpoint a webhook.test event now, signed and logged like any delivery
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Queued; its delivery shows in the log */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookTestSent"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such endpoint */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The endpoint is disabled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log: each event's attempts with status code, latency and the start of the answer
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "delivered" | "failed";
                    limit?: number;
                };
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deliveries, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookDelivery"][];
                        };
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now, with the same webhook-id
         * @description Requires the admin role or higher.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such delivery */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The endpoint is disabled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's webhook settings
         * @description Requires the admin role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSettings"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Allow plain http for local targets, or not
         * @description Requires the admin role or higher.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookSettings"];
                };
            };
            responses: {
                /** @description Settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSettings"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/attention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What needs attention: mailboxes that cannot send, drifted or failed workflows, active campaigns that send nothing and why
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Each kind in its own list, empty when all is well */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Attention"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/getting-started": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A new organization's first steps, each ticked from what exists: a mailbox, leads, a campaign, a started campaign
         * @description Requires the viewer role or higher.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Which steps are done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GettingStarted"];
                    };
                };
                /** @description validation_failed: every problem with the body and query at once, in issues[] */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            code: string;
            detail: string;
            instance?: string;
            requestId?: string;
            /** @description Every problem with the request at once (validation_failed, conflict on a field) */
            issues?: components["schemas"]["ProblemIssue"][];
        };
        ProblemIssue: {
            /** @description Dotted path relative to the request body (`steps.0.variants.1.subject`), or to the query string when `in` is `query`; '' is the whole body */
            path: string;
            /** @enum {string} */
            in: "body" | "query";
            message: string;
            /** @description In a text value (a template, a CSV file): 1-based line */
            line?: number;
            /** @description 1-based column on that line */
            column?: number;
            /** @description For a value outside a fixed set: the accepted values */
            allowed?: string[];
            /** @description The accepted value nearest to the one sent */
            suggestion?: string;
        };
        Session: {
            accessToken: string;
            /** Format: date-time */
            accessTokenExpiresAt: string;
            /** @description Absent in a cookie session (header X-Ophir-Session: cookie): the token is then in the httpOnly ophir_refresh cookie */
            refreshToken?: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            user: components["schemas"]["User"];
            organization: components["schemas"]["OrganizationSummary"];
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
        };
        OrganizationSummary: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member" | "viewer";
        };
        RegisterRequest: {
            /** Format: email */
            email: string;
            password: string;
            name: string;
            organizationName: string;
        };
        LoginRequest: {
            /** Format: email */
            email: string;
            password: string;
            /**
             * Format: uuid
             * @description Which organization to sign in to; defaults to the oldest membership
             */
            organizationId?: string;
        };
        RefreshRequest: {
            /** @description Required unless this is a cookie session (header X-Ophir-Session: cookie), whose refresh token comes from its cookie and must not be in the body */
            refreshToken?: string;
        };
        Me: {
            user: components["schemas"]["User"] & (Record<string, never> | null);
            organization: components["schemas"]["OrganizationSummary"] & unknown;
            /** @description The API key calling (it acts in its one organization with its own role); null for a signed-in user */
            apiKey: {
                /** Format: uuid */
                id: string;
                name: string;
                prefix: string;
                /** @enum {string} */
                role: "owner" | "admin" | "member" | "viewer";
                /** Format: date-time */
                expiresAt: string | null;
            } | null;
            /** @description Where the caller can act: a user's memberships; for an API key, its one organization with the key's role */
            organizations: components["schemas"]["OrganizationSummary"][];
        };
        Organization: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description IANA zone: new campaigns and mailboxes start in it when they name none */
            timezone: string;
            /** @description Whether an import checks its leads' addresses unless it says otherwise */
            verifyLeadsAtImport: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        Member: {
            /**
             * Format: uuid
             * @description The membership id
             */
            id: string;
            /** Format: uuid */
            userId: string;
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            createdAt: string;
        };
        /** @enum {string} */
        Role: "owner" | "admin" | "member" | "viewer";
        CreatedInvitation: components["schemas"]["Invitation"] & {
            /** @description Shown once; the invitee presents it to /api/invitations/accept */
            token: string;
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            acceptedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        InvitationPreview: {
            /** @description Who the invitation is for */
            email: string;
            role: components["schemas"]["Role"];
            organizationName: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Whether that address already has an Ophir account: then it accepts with its own password and no name */
            hasAccount: boolean;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The first characters of the key, to recognise it */
            prefix: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreatedApiKey: components["schemas"]["ApiKey"] & {
            /** @description Shown once; store it now */
            key: string;
        };
        AuditEntry: {
            /** Format: uuid */
            id: string;
            action: string;
            targetType: string;
            targetId: string | null;
            /** Format: uuid */
            actorUserId: string | null;
            /** Format: uuid */
            actorApiKeyId: string | null;
            data: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
        };
        Campaign: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            status: "draft" | "active" | "paused" | "completed" | "archived";
            timezone: string;
            schedule: components["schemas"]["CampaignSchedule"];
            /** @enum {string} */
            rotationStrategy: "round_robin" | "random" | "sequential" | "weighted";
            dailyCap: number | null;
            stopOnReply: boolean;
            stopOnReplyForDomain: boolean;
            autoReplyDelayDays: number | null;
            trackOpens: boolean;
            trackClicks: boolean;
            mailboxIds: string[];
            deployment: components["schemas"]["DeploymentSummary"];
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CampaignSchedule: {
            /**
             * @default [
             *       "mon",
             *       "tue",
             *       "wed",
             *       "thu",
             *       "fri"
             *     ]
             */
            days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /** @default 09:00 */
            start: string;
            /** @default 17:00 */
            end: string;
            /** @default true */
            useLeadTimezone: boolean;
            /** @default [] */
            holidays: string[];
        };
        DeploymentSummary: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "deploying" | "active" | "paused" | "drifted" | "error" | "archived";
            lastError: string | null;
            n8nWorkflowId: string | null;
            templateVersion: string;
        } | null;
        CreateCampaign: {
            name: string;
            /** @description The campaign's zone; the organization's timezone when not given */
            timezone?: string;
            schedule?: components["schemas"]["CampaignSchedule"];
            /**
             * @default round_robin
             * @enum {string}
             */
            rotationStrategy: "round_robin" | "random" | "sequential" | "weighted";
            /** @default null */
            dailyCap: number | null;
            /** @default true */
            stopOnReply: boolean;
            /**
             * @description A reply also stops the lead's colleagues at the same company: the same organizational domain, subdomains included (sales.acme.co.uk and acme.co.uk); never for webmail domains
             * @default false
             */
            stopOnReplyForDomain: boolean;
            /**
             * @description After an auto-reply (out of office), the lead's next step waits this many days; null keeps the plan
             * @default null
             */
            autoReplyDelayDays: number | null;
            /** @default false */
            trackOpens: boolean;
            /** @default false */
            trackClicks: boolean;
            /** @default [] */
            mailboxIds: string[];
        };
        CampaignListItem: components["schemas"]["Campaign"] & {
            /**
             * Format: date-time
             * @description A running campaign's earliest queued send, at its next sending window in the campaign's zone; null when nothing is queued
             */
            nextSendAt: string | null;
        };
        UpdateCampaign: {
            name?: string;
            /** @description An IANA time zone such as Europe/Paris; abbreviations such as EST or CET are refused */
            timezone?: string;
            schedule?: components["schemas"]["CampaignSchedule"];
            /** @enum {string} */
            rotationStrategy?: "round_robin" | "random" | "sequential" | "weighted";
            dailyCap?: number | null;
            stopOnReply?: boolean;
            stopOnReplyForDomain?: boolean;
            /** @description After an auto-reply (out of office), the lead's next step waits this many days; null keeps the plan */
            autoReplyDelayDays?: number | null;
            trackOpens?: boolean;
            trackClicks?: boolean;
            mailboxIds?: string[];
        };
        RunOutcome: {
            /** @description False when the wait ended first (or was 0): the counts are what was known by then */
            finished: boolean;
            /** Format: date-time */
            startedAt: string;
            claimed: number;
            sent: number;
            deferred: {
                /** @description outside_window (Business Hours Gate), mailbox_gap, capacity_exhausted, rate_limited, ... */
                code: string;
                sends: number;
                /**
                 * Format: date-time
                 * @description The earliest time those sends are due again
                 */
                until: string | null;
                reason: string | null;
            }[];
            failed: number;
            inFlight: number;
            forecast: components["schemas"]["SendingForecast"];
            summary: string;
        };
        /** @description After the run: what the mailboxes still allow today (gap, cap, with when) and when the queued sends can go */
        SendingForecast: {
            /** Format: date-time */
            from: string;
            /**
             * Format: date-time
             * @description 24 hours after `from`
             */
            until: string;
            /** @description The most the campaign can send today: what its mailboxes have left (and its own daily cap), bounded by what is queued within 24 h */
            sendsPossibleToday: number;
            /** @description What the active mailboxes have left today, within the campaign's daily cap */
            capacityToday: number;
            campaignDailyCapRemaining: number | null;
            /** @description A run claims at most one send per mailbox with a minimum gap; runs come this often (N8N_POLL_MINUTES), or on run-now */
            workflowRunsEveryMinutes: number;
            mailboxes: {
                /** Format: uuid */
                id: string;
                email: string;
                status: string;
                /** @description Today's limit in the mailbox's zone: the ramp's value or the daily cap, whichever is lower */
                limitToday: number;
                /** @enum {string} */
                limitedBy: "ramp" | "daily_cap";
                sentToday: number;
                inFlight: number;
                remainingToday: number;
                minGapSeconds: number;
                /**
                 * Format: date-time
                 * @description When it may send next (after its gap, or tomorrow once the limit is used)
                 */
                nextSendAt: string | null;
                /**
                 * @description Why it cannot send right now
                 * @enum {string|null}
                 */
                blockedBy: "status" | "daily_limit" | "gap" | null;
            }[];
            queued: {
                /** @description Due and inside the lead's window now */
                readyNow: number;
                /** @description Due (or due within 24 h) but outside the lead's window until it opens, by zone */
                waitingForWindow: {
                    timezone: string;
                    /** Format: date-time */
                    opensAt: string;
                    sends: number;
                }[];
                /** @description Later steps that come due within 24 h */
                laterWithin24h: number;
                /** @description Due after the next 24 h */
                later: number;
                /**
                 * Format: date-time
                 * @description When the first of those comes due
                 */
                laterFrom: string | null;
            };
            /** @description The same in a sentence, e.g. "18 sends possible today: 2 mailboxes × ramp 10 − 2 sent; 4 leads wait for 09:00 America/New_York" */
            summary: string;
        };
        CampaignReadiness: {
            /** Format: uuid */
            campaignId: string;
            /** @enum {string} */
            status: "draft" | "active" | "paused" | "completed" | "archived";
            /** @description No blocking check failed: a start would be accepted */
            ready: boolean;
            checks: {
                /** @enum {string} */
                code: "sequence_has_steps" | "steps_have_messages" | "active_mailbox" | "leads_enrolled" | "sending_window" | "sending_capacity" | "sending_domains" | "warming_mailboxes";
                passed: boolean;
                /** @description A failed blocking check refuses the start; the others mean nothing would be sent yet */
                blocking: boolean;
                /** @description A failed check a start may override with a reason (sending_domains: `domainOverride.reason`), recorded in the audit log */
                overridable?: boolean;
                /** @description Why it passed or failed */
                message: string;
                /** @description sending_domains: the mailboxes whose domains fail (or, when none fails, warn or are not checked yet), each fixed on its own page */
                mailboxes?: {
                    /** Format: uuid */
                    id: string;
                    email: string;
                }[];
            }[];
            /** @description The next three sending windows in the campaign's zone (the open one first); a lead with its own zone gets the same hours there */
            windows: {
                /** Format: date-time */
                opensAt: string;
                /** Format: date-time */
                closesAt: string;
            }[];
            forecast: components["schemas"]["SendingForecast"];
        };
        Sequence: {
            /** Format: uuid */
            campaignId: string;
            requireUnsubscribeLink: boolean;
            steps: {
                /** Format: uuid */
                id: string;
                /** @description 1-based, as in claims and previews */
                step: number;
                delayAmount: number;
                delayUnit: components["schemas"]["DelayUnit"];
                threadWithFirst: boolean;
                variants: {
                    /** Format: uuid */
                    id: string;
                    label: string;
                    weight: number;
                    subject: string;
                    bodyText: string;
                    bodyHtml: string | null;
                }[];
            }[];
        };
        /** @enum {string} */
        DelayUnit: "minutes" | "hours" | "days" | "business_days";
        SequenceInput: {
            /** @description The whole ordered sequence; steps are matched to the saved ones by position */
            steps: {
                /** @description Wait after the previous step (after enrolment for the first) */
                delayAmount: number;
                delayUnit?: components["schemas"]["DelayUnit"];
                /**
                 * @description Follow-ups reply in the first message's thread
                 * @default true
                 */
                threadWithFirst: boolean;
                variants: {
                    /** @description Names the variant within its step; an edit that keeps the label keeps the variant */
                    label: string;
                    /**
                     * @description Relative share of leads (0 = no new leads)
                     * @default 1
                     */
                    weight: number;
                    /**
                     * @description Empty on a follow-up: sent as "Re: <first subject>" in the thread
                     * @default
                     */
                    subject: string;
                    bodyText: string;
                    /** @default null */
                    bodyHtml: string | null;
                }[];
            }[];
            /** @description Every body must contain {{unsubscribeUrl}} (default true); omitted keeps the current setting */
            requireUnsubscribeLink?: boolean;
        };
        SequenceCheck: {
            /**
             * @description A sequence with problems is answered 400 validation_failed, as the save answers it
             * @enum {boolean}
             */
            valid: true;
        };
        Preview: {
            /** Format: uuid */
            leadId: string;
            /** @description The lead's address, the To of every step */
            to: string;
            /** Format: uuid */
            enrollmentId: string | null;
            steps: {
                step: number;
                /** Format: uuid */
                variantId: string;
                variantLabel: string;
                subject: string;
                /** @description The rendered plain-text body (the sequence variant's bodyText, personalised) */
                bodyText: string;
                /** @description The rendered HTML body, with tracking and the unsubscribe link as sent */
                bodyHtml: string | null;
                /**
                 * Format: uuid
                 * @description The queued or sent message this preview is for; its unsubscribe link is the real one
                 */
                sendId: string | null;
                /** @description The link {{unsubscribeUrl}} stands for: the real one once the message is queued */
                unsubscribeUrl: string;
                /** @description The headers the message carries whichever mailbox sends it (the one-click List-Unsubscribe pair), as written; From, Message-ID and threading come from the sending mailbox */
                headers: {
                    name: string;
                    value: string;
                }[];
            }[];
        };
        PreviewRequest: {
            /**
             * Format: uuid
             * @description A lead of the organization; if it is enrolled, its enrolment's variants and wording are shown
             */
            leadId: string;
            /** @description 1-based; all steps when omitted */
            step?: number;
            /** @description Show this variant instead of the one the lead gets (needs step) */
            variantLabel?: string;
        };
        TestSend: {
            /** Format: uuid */
            mailboxId: string;
            /**
             * Format: uuid
             * @description The message in GET /api/mailboxes/{mailboxId}/sandbox-messages
             */
            sandboxMessageId: string;
            /** @description Its Message-ID */
            messageId: string;
            to: string;
            subject: string;
            step: number;
            variantLabel: string;
        };
        TestSendRequest: {
            /**
             * Format: uuid
             * @description Whose message to send: it is rendered for this lead exactly as the preview shows it
             */
            leadId: string;
            /** @description 1-based */
            step: number;
            /** @description Send this variant instead of the one the lead gets */
            variantLabel?: string;
            /**
             * Format: uuid
             * @description A sandbox mailbox: it keeps the message in its sandbox messages instead of sending it
             */
            mailboxId: string;
        };
        EnrollmentOutcome: {
            enrolled: number;
            skipped: {
                suppressed: number;
                inactive: number;
                alreadyEnrolled: number;
                notFound: number;
                /** @description Leads whose address verification found invalid (a dead domain, a disposable address) */
                invalidAddress: number;
            };
            /** @description Enrolled leads that are also active in another campaign (a warning) */
            activeElsewhere: number;
        };
        EnrollLeads: {
            leadIds?: string[];
            /** Format: uuid */
            listId?: string;
            /** @description The same filter as GET /api/leads */
            filter?: {
                status?: components["schemas"]["LeadStatus"];
                verificationStatus?: components["schemas"]["LeadVerificationStatus"];
                /** Format: uuid */
                listId?: string;
                tag?: string;
                /** @description Part of the email, name or company */
                search?: string;
                /** @description "<key>:<value>": leads whose custom field equals the value */
                customField?: string;
            };
            /** @description Also enrol leads whose address verification found invalid (left out and counted by default) */
            includeInvalidAddresses?: boolean;
        };
        /** @enum {string} */
        LeadStatus: "active" | "unsubscribed" | "bounced" | "complained";
        /**
         * @description What checking the address found (docs/deliverability.md); unverified until checked
         * @enum {string}
         */
        LeadVerificationStatus: "unverified" | "valid" | "risky" | "invalid" | "unknown";
        EnrollmentPreview: components["schemas"]["EnrollmentOutcome"] & {
            /** @description Why enrolling these leads would be refused now (no first email yet, a finished campaign); null when it would go ahead */
            blocker: string | null;
        };
        Enrollment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            leadId: string;
            leadEmail: string;
            state: components["schemas"]["EnrollmentState"];
            /** @description 1-based step sent next (or where it stopped); null once completed */
            currentStep: number | null;
            /** Format: date-time */
            nextDueAt: string | null;
            stopReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @enum {string} */
        EnrollmentState: "active" | "paused" | "completed" | "stopped";
        Deployment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string | null;
            campaignName: string | null;
            templateName: string;
            templateVersion: string;
            /** @enum {string} */
            status: "pending" | "deploying" | "active" | "paused" | "drifted" | "error" | "archived";
            lastError: string | null;
            n8nWorkflowId: string | null;
            /** @description The workflow in the n8n editor (N8N_EDITOR_URL, else N8N_URL); null when it is not in n8n */
            editorUrl: string | null;
            contentHash: string | null;
            hasOverride: boolean;
            /** Format: date-time */
            lastSyncedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        DeploymentDetail: components["schemas"]["Deployment"] & {
            recentExecutions: components["schemas"]["WorkflowExecution"][];
        };
        WorkflowExecution: {
            id: string;
            status: string;
            mode: string;
            startedAt: string;
            stoppedAt: string | null;
        };
        Drift: {
            drifted: boolean;
            changes: components["schemas"]["WorkflowChange"][];
            /** @description Both versions for a side-by-side diff; null when the deployment has not drifted */
            workflows: {
                /** @description What Ophir deployed, as normalised JSON (behaviour only: no positions or ids; keys sorted) */
                deployed: string;
                /** @description What n8n holds now, normalised the same way */
                n8n: string;
            } | null;
        };
        WorkflowChange: {
            /** @enum {string} */
            kind: "node_added" | "node_removed" | "node_changed" | "parameter_changed" | "connections_changed" | "settings_changed";
            node?: string;
            path?: string;
            before?: unknown;
            after?: unknown;
        };
        CampaignClaimBatch: {
            /** Format: date-time */
            now: string;
            /**
             * Format: date-time
             * @description Until when the items are leased to this execution
             */
            leaseExpiresAt: string;
            /** @description The batch (maybe empty) */
            items: components["schemas"]["ClaimItem"][];
        };
        ClaimItem: {
            /** Format: uuid */
            sendId: string;
            /** @description 1 for the first attempt, one more on every re-claim */
            attempt: number;
            /** @description An earlier attempt may have reached the provider (lease expired, or a retryable result said so) */
            mayHaveBeenSent: boolean;
            /** Format: uuid */
            campaignId: string;
            /** @description 1-based sequence step */
            step: number;
            /**
             * Format: date-time
             * @description The control plane's clock at claim time
             */
            now: string;
            lead: components["schemas"]["ClaimLead"];
            schedule: components["schemas"]["ClaimSchedule"];
            message: components["schemas"]["RenderedMessage"];
            /** @description null for step 1 (or an unthreaded follow-up) */
            threading: components["schemas"]["Threading"] | null;
            /** @description Mailboxes this send may use; the same entries repeat on every item of a batch */
            mailboxes: components["schemas"]["MailboxPoolEntry"][];
        };
        ClaimLead: {
            /** Format: uuid */
            id: string;
            email: string;
            firstName: string | null;
            lastName: string | null;
            company: string | null;
            /** @description IANA zone; null when unknown (the campaign's zone applies) */
            timezone: string | null;
        };
        ClaimSchedule: {
            timezone: string;
            useLeadTimezone: boolean;
            days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /** @description Local wall-clock HH:MM, inclusive */
            start: string;
            /** @description Local wall-clock HH:MM (or 24:00), exclusive */
            end: string;
            /** @description Local dates YYYY-MM-DD on which nothing is sent */
            holidays: string[];
        };
        RenderedMessage: {
            subject: string;
            text: string;
            html: string | null;
            /**
             * Format: uri
             * @description HTTPS one-click unsubscribe URL (RFC 8058), also linked in the body
             */
            unsubscribeUrl: string;
            replyTo: string | null;
        };
        Threading: {
            /** @description Message-ID of the thread root (step 1), angle brackets included */
            messageId: string;
            /** @description Message-ID of the latest earlier message in the thread */
            inReplyTo: string;
            /** @description Every earlier Message-ID, oldest first */
            references: string[];
            gmailThreadId: string | null;
            /**
             * Format: uuid
             * @description The mailbox that sent step 1: follow-ups go out from it
             */
            mailboxId: string;
        };
        MailboxPoolEntry: {
            /** Format: uuid */
            id: string;
            provider: components["schemas"]["MailboxProvider"];
            email: string;
            fromName: string | null;
            /** @description Sends this mailbox may still make today (already net of reservations) */
            remainingToday: number;
            /** @description Minimum seconds between two sends from this mailbox */
            minGapSeconds: number;
            /** Format: date-time */
            lastSentAt: string | null;
            /** @description 0..1; 0 means paused or unhealthy and never assigned */
            health: number;
            /** @description Relative share for the weighted rotation strategy */
            weight: number;
        };
        /** @enum {string} */
        MailboxProvider: "gmail" | "smtp" | "outlook" | "sandbox";
        CampaignClaim: {
            /** Format: uuid */
            campaignId: string;
            /** @default 50 */
            batchSize: number;
        };
        SendResultsOutcome: {
            applied: number;
            duplicates: number;
            stale: number;
            /** @description Results naming a send, or a sending mailbox, that does not exist (any more): nothing was recorded for them */
            unknown: number;
        };
        SendResults: {
            source?: {
                workflowId?: string | null;
                executionId?: string | null;
            } & {
                [key: string]: unknown;
            };
            results: (({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "sent";
                /** Format: uuid */
                mailboxId: string;
                messageId: string;
                providerMessageId?: string | null;
                threadId?: string | null;
                /** Format: date-time */
                sentAt?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "deferred";
                /** Format: date-time */
                notBefore?: string | null;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "retryable";
                retryAfterSeconds: number;
                /** @default false */
                mayHaveBeenSent: boolean;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "failed";
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }))[];
        };
        InboxReplyClaimBatch: {
            /** Format: date-time */
            now: string;
            /**
             * Format: date-time
             * @description Until when the items are leased to this execution
             */
            leaseExpiresAt: string;
            /** @description The batch (maybe empty) */
            items: components["schemas"]["InboxReplyItem"][];
        };
        InboxReplyItem: {
            /** @enum {string} */
            kind: "inbox_reply";
            /**
             * Format: uuid
             * @description The reply's id
             */
            sendId: string;
            attempt: number;
            mayHaveBeenSent: boolean;
            /** Format: uuid */
            inboxThreadId: string;
            /** Format: uuid */
            campaignId: string;
            step: null;
            /** Format: date-time */
            now: string;
            lead: components["schemas"]["ClaimLead"];
            message: components["schemas"]["RenderedMessage"];
            threading: components["schemas"]["Threading"];
            /**
             * Format: uuid
             * @description The thread's mailbox, already assigned (never rotated)
             */
            mailboxId: string;
            mailbox: components["schemas"]["MailboxPoolEntry"];
            mailboxes: components["schemas"]["MailboxPoolEntry"][];
        };
        InboxRepliesClaim: {
            /** Format: uuid */
            organizationId: string;
            /** @default 20 */
            batchSize: number;
        };
        InboxReplyResults: {
            source?: {
                workflowId?: string | null;
                executionId?: string | null;
            } & {
                [key: string]: unknown;
            };
            /** @description Send results as the Send Email node produces them; sendId is the reply id */
            results: (({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "sent";
                /** Format: uuid */
                mailboxId: string;
                messageId: string;
                providerMessageId?: string | null;
                threadId?: string | null;
                /** Format: date-time */
                sentAt?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "deferred";
                /** Format: date-time */
                notBefore?: string | null;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "retryable";
                retryAfterSeconds: number;
                /** @default false */
                mayHaveBeenSent: boolean;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "failed";
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }))[];
        };
        WarmupClaimBatch: {
            /** Format: date-time */
            now: string;
            /**
             * Format: date-time
             * @description Until when the items are leased to this execution
             */
            leaseExpiresAt: string;
            /** @description The batch (maybe empty) */
            items: components["schemas"]["WarmupItem"][];
        };
        WarmupItem: {
            /** @enum {string} */
            kind: "warmup";
            /**
             * Format: uuid
             * @description The warm-up message's id
             */
            sendId: string;
            attempt: number;
            mayHaveBeenSent: boolean;
            /** @description Sent as the X-Ophir-Warmup header and as `ow-<tag>` ending the body */
            warmupTag: string;
            /** @enum {string} */
            warmupKind: "initial" | "reply";
            campaignId: null;
            step: null;
            /** Format: date-time */
            now: string;
            lead: components["schemas"]["ClaimLead"] & unknown;
            message: components["schemas"]["WarmupMessageContent"];
            /** @description A reply: the thread of the message it answers */
            threading: components["schemas"]["Threading"] | null;
            /**
             * Format: uuid
             * @description The sending mailbox, already assigned (never rotated)
             */
            mailboxId: string;
            mailbox: components["schemas"]["MailboxPoolEntry"];
            mailboxes: components["schemas"]["MailboxPoolEntry"][];
        };
        /** @description Plain text only: no links, no tracking, no unsubscribe */
        WarmupMessageContent: {
            subject: string;
            text: string;
        };
        WarmupClaim: {
            /** Format: uuid */
            organizationId: string;
            /** @default 50 */
            batchSize: number;
        };
        WarmupResults: {
            source?: {
                workflowId?: string | null;
                executionId?: string | null;
            } & {
                [key: string]: unknown;
            };
            /** @description Send results as the Send Email node produces them; sendId is the warm-up message id */
            results: (({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "sent";
                /** Format: uuid */
                mailboxId: string;
                messageId: string;
                providerMessageId?: string | null;
                threadId?: string | null;
                /** Format: date-time */
                sentAt?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "deferred";
                /** Format: date-time */
                notBefore?: string | null;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "retryable";
                retryAfterSeconds: number;
                /** @default false */
                mayHaveBeenSent: boolean;
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }) | ({
                /** Format: uuid */
                sendId: string;
                attempt: number;
                eventId: string;
                /** @enum {string} */
                status: "failed";
                code?: string | null;
                reason?: string | null;
            } & {
                [key: string]: unknown;
            }))[];
        };
        WarmupObservationsOutcome: {
            applied: number;
            /** @description Messages already observed: the first observation decides their placement */
            duplicates: number;
            /** @description Tags never sent, or not sent to the reporting mailbox: nothing was recorded */
            unknown: number;
        };
        WarmupObservations: {
            observations: ({
                eventId: string;
                tag: string;
                /** Format: uuid */
                receivingMailboxId: string;
                /**
                 * @description Where the message was found, before any rescue
                 * @enum {string}
                 */
                folder: "inbox" | "spam";
                /** @description Moved from spam/junk to the inbox by the watcher */
                rescued: boolean;
                markedImportant: boolean;
                /** Format: date-time */
                observedAt: string;
                providerMessageId: string;
                providerThreadId: string | null;
                messageIdHeader: string | null;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        WarmupSettings: {
            /** Format: uuid */
            mailboxId: string;
            enabled: boolean;
            /** @description Warm-up messages a day once the ramp is done */
            targetPerDay: number;
            /** @description Messages on the first day */
            rampStart: number;
            /** @description Added each day until the target */
            rampStep: number;
            /** @description Share of received warm-up messages answered */
            replyRatePercent: number;
            weekdaysOnly: boolean;
            /**
             * @description The language its warm-up messages and replies are written in: en (English), de (German)
             * @enum {string}
             */
            language: "en" | "de";
            /**
             * Format: date-time
             * @description When warm-up was last switched on (day 1 of the ramp)
             */
            startedAt: string | null;
            /** @description Today's day of the ramp (1 on the first day); null while off */
            rampDay: number | null;
            /** @description Warm-up messages planned for today (0 while off, and at weekends when weekdays only) */
            todayQuota: number;
            /** @description The ramp's allowance today, before weekends and the daily budget */
            rampValue: number | null;
            /** @description In the first 14 days of warm-up: campaigns from it warn */
            warming: boolean;
            pool: components["schemas"]["WarmupPoolStatus"];
        };
        WarmupPoolStatus: {
            /**
             * @description Whose mailboxes this organization's warm up with
             * @enum {string}
             */
            scope: "organization" | "instance";
            /** @description Active mailboxes of this organization with warm-up on */
            ownMailboxes: number;
            /** @description Instance pool: mailboxes of other organizations in it (never their addresses); 0 otherwise */
            otherOrganizationsMailboxes: number;
            /** @description Whether warm-up messages can be exchanged: the pool has at least 2 mailboxes */
            ready: boolean;
            /** @description Why nothing is exchanged, in words; null when ready */
            reason: string | null;
            /** @description Whether the operator lets organizations join the instance pool */
            instancePoolAllowed: boolean;
            /** @description Whether this organization asked to join it */
            instancePoolOptIn: boolean;
        };
        UpdateWarmupSettings: {
            enabled: boolean;
            /** @default 30 */
            targetPerDay: number;
            /** @default 2 */
            rampStart: number;
            /** @default 2 */
            rampStep: number;
            /** @default 30 */
            replyRatePercent: number;
            /** @default true */
            weekdaysOnly: boolean;
            /**
             * @description The language its warm-up messages and replies are written in: en (English), de (German)
             * @default en
             * @enum {string}
             */
            language: "en" | "de";
        };
        WarmupSeries: {
            timezone: string;
            days: components["schemas"]["WarmupDay"][];
            placementRate7d: number | null;
        };
        WarmupDay: {
            /** @description Local date (YYYY-MM-DD) in the mailbox's zone */
            date: string;
            /** @description Warm-up messages this mailbox sent (first messages and replies) */
            sent: number;
            /** @description Warm-up messages sent to it */
            received: number;
            /** @description Of those it sent, found in the inbox */
            inbox: number;
            /** @description Of those it sent, found in spam (and rescued) */
            spam: number;
            /** @description Of those it sent, not found within 24 hours */
            missing: number;
            /** @description Of those it sent, moved from spam to the inbox */
            rescued: number;
            /** @description Of those it sent, answered */
            replied: number;
            /** @description inbox / (inbox + spam + missing); null with nothing observed */
            placementRate: number | null;
        };
        UpdateWarmupPool: {
            instancePool: boolean;
        };
        Lead: {
            /** Format: uuid */
            id: string;
            email: string;
            firstName: string | null;
            lastName: string | null;
            company: string | null;
            title: string | null;
            phone: string | null;
            website: string | null;
            linkedinUrl: string | null;
            timezone: string | null;
            city: string | null;
            country: string | null;
            customFields: {
                [key: string]: string;
            };
            tags: string[];
            status: components["schemas"]["LeadStatus"];
            source: string | null;
            verification: components["schemas"]["LeadVerification"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LeadVerification: {
            status: components["schemas"]["LeadVerificationStatus"];
            /**
             * @description Why: the check that decided the status; null while unverified
             * @enum {string|null}
             */
            reason: "mx_found" | "a_found" | "domain_not_found" | "no_mx_or_a" | "null_mx" | "dns_timeout" | "dns_error" | "disposable_domain" | "own_domain" | "role_address" | null;
            /** Format: date-time */
            checkedAt: string | null;
        };
        CreateLead: {
            email: string;
            firstName?: string | null;
            lastName?: string | null;
            company?: string | null;
            title?: string | null;
            phone?: string | null;
            website?: string | null;
            linkedinUrl?: string | null;
            /** @description An IANA time zone such as Europe/Paris (abbreviations such as EST are refused); empty clears it */
            timezone?: "" | string | null;
            city?: string | null;
            country?: string | null;
            customFields?: {
                [key: string]: string;
            };
            tags?: string[];
        };
        CustomFieldKeys: {
            keys: string[];
        };
        ExportLeads: {
            leadIds: string[];
        };
        BulkTags: {
            leadIds: string[];
            /** @default [] */
            add: string[];
            /** @default [] */
            remove: string[];
        };
        LeadActivity: {
            enrollments: components["schemas"]["LeadEnrollment"][];
            /** @description Messages and events, newest first (at most 200) */
            timeline: components["schemas"]["LeadTimelineEntry"][];
        };
        LeadEnrollment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            campaignName: string;
            /** @enum {string} */
            state: "active" | "paused" | "completed" | "stopped";
            /** @description Position of the next step to send (0 = the first) */
            nextStep: number;
            /** Format: date-time */
            nextDueAt: string | null;
            stopReason: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        LeadTimelineEntry: {
            /** @enum {string} */
            kind: "message" | "event";
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description When it was sent (or is due), or when the event happened
             */
            at: string;
            /** @description A message's status (queued, sent, failed, ...) or an event's type (opened, replied, bounced, ...) */
            type: string;
            /** Format: uuid */
            campaignId: string | null;
            campaignName: string | null;
            stepPosition: number | null;
            subject: string | null;
        };
        UpdateLead: {
            email?: string;
            status?: components["schemas"]["LeadStatus"];
            firstName?: string | null;
            lastName?: string | null;
            company?: string | null;
            title?: string | null;
            phone?: string | null;
            website?: string | null;
            linkedinUrl?: string | null;
            /** @description An IANA time zone such as Europe/Paris (abbreviations such as EST are refused); empty clears it */
            timezone?: "" | string | null;
            city?: string | null;
            country?: string | null;
            customFields?: {
                [key: string]: string;
            };
            tags?: string[];
        };
        LeadList: {
            /** Format: uuid */
            id: string;
            name: string;
            memberCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LeadListInput: {
            name: string;
        };
        LeadListMembers: {
            leadIds: string[];
        };
        LeadImportPreview: components["schemas"]["LeadImport"] & {
            preview: {
                rows: string[][];
            };
            /**
             * Format: uuid
             * @description A completed import of the very same file, if any
             */
            previousImportId: string | null;
        };
        CsvFormat: {
            encoding: string;
            bom: boolean;
            delimiter: string;
            headerLine: number;
            hasHeaderRow: boolean;
            headers: string[];
        };
        ColumnMapping: {
            column: number;
            header: string;
            /** @description A lead field (email, fullName, tags, ignore, firstName, lastName, company, title, phone, website, linkedinUrl, timezone, city, country; fullName is split into first and last name), or "custom:<name>" */
            target: string;
        };
        LeadImport: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "previewed" | "queued" | "running" | "completed" | "failed" | "cancelled";
            fileName: string | null;
            fileSha256: string | null;
            format: components["schemas"]["CsvFormat"];
            mapping: components["schemas"]["ColumnMapping"][];
            /** @enum {string} */
            onExisting: "skip" | "update";
            /** Format: uuid */
            listId: string | null;
            /** @description Whether the new leads' addresses are checked once imported (GET .../verification) */
            verifyAddresses: boolean;
            progress: {
                rowsRead: number;
                imported: number;
                updated: number;
                skipped: number;
                rejected: number;
                suppressed: number;
                duplicates: number;
                /** @description Leads of the file already in an active campaign; null when not checked */
                inActiveCampaign: number | null;
                lastCommittedLine: number;
            };
            error: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CommitLeadImport: {
            /** @description Defaults to the proposed mapping */
            mapping?: components["schemas"]["ColumnMapping"][];
            /**
             * @description What to do with a lead that already exists
             * @default skip
             * @enum {string}
             */
            onExisting: "skip" | "update";
            /**
             * Format: uuid
             * @description Add every lead of the file to this static list
             */
            listId?: string | null;
            /**
             * @description Count the leads already in an active campaign
             * @default false
             */
            warnActiveCampaigns: boolean;
            /** @description Check the new leads' addresses once imported; defaults to the organization's verifyLeadsAtImport */
            verifyAddresses?: boolean;
        };
        LeadVerificationRun: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            /**
             * Format: uuid
             * @description The import whose new leads are checked; null for a selection or filter
             */
            importId: string | null;
            progress: {
                /** @description Leads to check */
                total: number;
                checked: number;
                /** @description Distinct domains checked so far */
                domains: number;
            };
            counts: {
                valid: number;
                risky: number;
                invalid: number;
                unknown: number;
            };
            error: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        StartLeadVerification: {
            leadIds?: string[];
            /** @description The same filter as GET /api/leads */
            filter?: {
                status?: components["schemas"]["LeadStatus"];
                verificationStatus?: components["schemas"]["LeadVerificationStatus"];
                /** Format: uuid */
                listId?: string;
                tag?: string;
                /** @description Part of the email, name or company */
                search?: string;
                /** @description "<key>:<value>": leads whose custom field equals the value */
                customField?: string;
            };
        };
        Suppression: {
            /** Format: uuid */
            id: string;
            /**
             * @description email_hash: an erased person, kept only as the SHA-256 of the address
             * @enum {string}
             */
            kind: "email" | "domain" | "email_hash";
            value: string;
            reason: components["schemas"]["SuppressionReason"];
            source: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @enum {string} */
        SuppressionReason: "unsubscribed" | "bounced" | "complained" | "manual" | "erased";
        CreateSuppression: {
            /** @enum {string} */
            kind: "email" | "domain";
            value: string;
            /**
             * @default manual
             * @enum {string}
             */
            reason: "unsubscribed" | "bounced" | "complained" | "manual";
            source?: string;
        };
        SuppressionImportResult: {
            rowsRead: number;
            added: number;
            alreadyPresent: number;
            rejected: number;
            /** @description The first 100 rejected rows */
            issues: {
                line: number;
                message: string;
            }[];
        };
        MailboxListItem: components["schemas"]["Mailbox"] & {
            usage: components["schemas"]["MailboxUsage"];
            /** @description In its first 14 days of warm-up (docs/warmup.md): which day it is, 1 on the first; null when not warming */
            warmingDay: number | null;
        };
        /** @enum {string} */
        MailboxStatus: "active" | "paused" | "needs_reauth" | "error" | "disabled";
        MailServerConnection: {
            host: string;
            port: number;
            tlsMode: components["schemas"]["TlsMode"];
            username: string;
        } | null;
        /**
         * @description tls: implicit TLS (465); starttls: upgrade required (587); none: no TLS (local relays only)
         * @enum {string}
         */
        TlsMode: "tls" | "starttls" | "none";
        /** @description Today's numbers, as GET /api/mailboxes/{mailboxId}/usage answers them */
        MailboxUsage: {
            timezone: string;
            /** Format: date-time */
            dayStart: string;
            /** Format: date-time */
            dayEnd: string;
            limitToday: number;
            rampDay: number | null;
            rampValue: number | null;
            sentToday: number;
            reserved: number;
            remainingToday: number;
            /** Format: date-time */
            lastSentAt: string | null;
            /** Format: date-time */
            nextAllowedAt: string | null;
            /** @enum {string|null} */
            blockedBy: "status" | "daily_limit" | null;
        };
        Mailbox: {
            /** Format: uuid */
            id: string;
            provider: components["schemas"]["MailboxProvider"];
            email: string;
            displayName: string | null;
            status: components["schemas"]["MailboxStatus"];
            /** @description Why the mailbox is not active (revoked grant, auto-pause...) */
            statusReason: string | null;
            dailyCap: number;
            rampEnabled: boolean;
            rampStart: number;
            rampStep: number;
            /** Format: date-time */
            rampStartedAt: string;
            minGapSeconds: number;
            gapJitterSeconds: number;
            timezone: string;
            weight: number;
            healthScore: number;
            /** Format: date-time */
            lastSentAt: string | null;
            /**
             * Format: date-time
             * @description When the inbox watcher last read this inbox to the end; null if never
             */
            lastWatchedAt: string | null;
            smtp: components["schemas"]["MailServerConnection"];
            imap: components["schemas"]["MailServerConnection"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        MailboxConnectStart: {
            /**
             * Format: uri
             * @description Send the user's browser here; the provider redirects back to our callback
             */
            authorizationUrl: string;
            /** Format: date-time */
            expiresAt: string;
        };
        MailboxDailyUsage: {
            /** @description The mailbox's timezone: each day is a calendar day there, as for the daily cap */
            timezone: string;
            /** @description Oldest first, today last */
            days: {
                /** Format: date */
                date: string;
                sent: number;
            }[];
        };
        MailboxHealth: {
            /** @description The points earned as a share of what the mailbox's parts can earn, 0-100 */
            score: number;
            /** @description hard_bounces, failures, replies, authentication, sending_domain, age, and inbox_placement only with warm-up placements */
            parts: {
                name: string;
                points: number;
                maxPoints: number;
                explanation: string;
            }[];
            /** @description In its first 14 days of warm-up (docs/warmup.md): which day it is, 1 on the first; null when not warming */
            warmingDay: number | null;
            window: {
                attempts: number;
                sent: number;
                failed: number;
                hardBounces: number;
                replies: number;
                hardBounceRate: number;
                failureRate: number;
                replyRate: number;
            };
            autoPause: {
                bounceRateThreshold: number;
                minSends: number;
                wouldPause: boolean;
            };
            status: components["schemas"]["MailboxStatus"];
            statusReason: string | null;
        };
        SandboxMessage: {
            /** Format: uuid */
            id: string;
            messageId: string;
            to: string;
            subject: string;
            /** @description The whole MIME message */
            raw: string;
            /** @description Every header, decoded, in the order written */
            headers: {
                name: string;
                value: string;
            }[];
            /** @description The HTML body as sent (not sanitized: render it only in a sandboxed frame) */
            html: string | null;
            /** @description The plain-text body */
            text: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        SimulatedSandboxMessage: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "reply" | "bounce" | "out_of_office";
            /**
             * Format: uuid
             * @description The captured send it answers
             */
            sandboxMessageId: string;
            /** @description That send's Message-ID */
            inReplyTo: string;
            /** @description The whole MIME message the mailbox received */
            raw: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Whether the inbox watcher was started to read it now; otherwise it is read on the next poll */
            watch: {
                started: boolean;
                detail: string;
            };
        };
        SandboxSimulation: {
            /**
             * @description reply: the lead answers (stops their sequence); bounce: a delivery status notification; out_of_office: an auto-reply (postpones, never stops)
             * @enum {string}
             */
            kind: "reply" | "bounce" | "out_of_office";
            /** @description What the lead writes (reply, out_of_office); a default sentence when absent */
            bodyText?: string;
            /** @description bounce only: 5.x.x is a hard bounce (the address is suppressed), 4.x.x a soft one; default 5.1.1 */
            bounceStatus?: string;
        };
        BrokeredAccessToken: {
            accessToken: string;
            /** Format: date-time */
            expiresAt: string;
            /** @enum {string} */
            provider: "gmail" | "outlook";
            email: string;
            /** @description Gmail or Graph root URL to call with the token */
            apiBaseUrl: string;
        };
        BrokeredSmtpCredentials: {
            host: string;
            port: number;
            tlsMode: components["schemas"]["TlsMode"];
            /** @description Implicit TLS */
            secure: boolean;
            /** @description STARTTLS required */
            requireTls: boolean;
            username: string;
            password: string;
            fromAddress: string;
            fromName: string | null;
        };
        BrokeredImapCredentials: {
            host: string;
            port: number;
            tlsMode: components["schemas"]["TlsMode"];
            /** @description Implicit TLS (usually 993) */
            secure: boolean;
            /** @description STARTTLS required (usually 143) */
            requireTls: boolean;
            username: string;
            /** @description The IMAP password, or the SMTP one when none was given */
            password: string;
        };
        CapturedSandboxMessage: {
            /** Format: uuid */
            id: string;
            threadId: string;
            duplicate: boolean;
        };
        SandboxInbox: {
            /** @description The last sequence returned (the given cursor when nothing is new) */
            cursor: string;
            messages: {
                /** Format: uuid */
                id: string;
                threadId: string | null;
                /** Format: date-time */
                receivedAt: string;
                raw: string;
            }[];
        };
        SendingDomainReport: {
            /** Format: uuid */
            mailboxId: string;
            domain: string;
            /**
             * @description The worst finding's status; unchecked before the first check
             * @enum {string}
             */
            status: "pass" | "warn" | "fail" | "unchecked";
            /** @description The DKIM selector the user named, tried beside the provider defaults */
            dkimSelector: string | null;
            /** @description SPF, DKIM, DMARC, MX, then one per configured blocklist */
            findings: components["schemas"]["DomainFinding"][];
            /** Format: date-time */
            checkedAt: string | null;
        };
        DomainFinding: {
            /** @enum {string} */
            check: "spf" | "dkim" | "dmarc" | "mx" | "blocklist";
            /**
             * @description fail blocks a campaign start unless overridden; warn is worth fixing; pass needs nothing
             * @enum {string}
             */
            status: "pass" | "warn" | "fail";
            /** @description The DNS record as published (several on separate lines); null when there was none */
            record: string | null;
            /** @description What was found, in a sentence */
            summary: string;
            /** @description What to change, in plain words ("Nothing to change." when it passed) */
            advice: string;
        };
        InboundEventsOutcome: {
            applied: number;
            duplicates: number;
            /** @description Events naming no message, thread, lead or mailbox of ours: nothing was recorded */
            unknown: number;
            events: {
                eventId: string;
                /** @enum {string} */
                outcome: "applied" | "duplicate" | "unknown";
                /** Format: uuid */
                leadId: string | null;
                stoppedEnrollments: number;
            }[];
        };
        InboundEvents: {
            source?: {
                workflowId?: string | null;
                executionId?: string | null;
            } & {
                [key: string]: unknown;
            };
            events: ({
                eventId: string;
                /** @enum {string} */
                type: "replied" | "auto_replied" | "bounced" | "complained" | "unsubscribe_request";
                inReplyToMessageId?: string | null;
                threadId?: string | null;
                /** Format: email */
                leadEmail?: string | null;
                /** Format: uuid */
                mailboxId?: string | null;
                bounce?: {
                    /** @enum {string} */
                    kind: "hard" | "soft";
                    status?: string | null;
                    diagnostic?: string | null;
                } | null;
                /** Format: date-time */
                receivedAt: string;
                /** @description What the message says, for the unified inbox; sent with replies, auto-replies and unsubscribe requests */
                message?: {
                    from?: string | null;
                    to?: string | null;
                    subject?: string | null;
                    /** @description The inbound message's own Message-ID, which a reply from the inbox answers */
                    messageIdHeader?: string | null;
                    /** @description The plain-text body, as read (quoted history included) */
                    text?: string | null;
                } | null;
                /** @default {} */
                evidence: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            })[];
        };
        CampaignStats: {
            /** Format: uuid */
            campaignId: string;
            timezone: string;
            enrolled: {
                total: number;
                active: number;
                paused: number;
                completed: number;
                stopped: number;
            };
            totals: components["schemas"]["CampaignCounts"] & {
                /** @description Sends cancelled before they went out (suppressed, stopped, step removed): never sent, not lost */
                cancelled: number;
            };
            steps: (components["schemas"]["CampaignCounts"] & {
                /** @description 1-based sequence step, as in sequences, previews and claims */
                step: number;
                /** @description Sends cancelled before they went out (suppressed, stopped, step removed): never sent, not lost */
                cancelled: number;
            })[];
            variants: (components["schemas"]["CampaignCounts"] & {
                /** Format: uuid */
                variantId: string;
                label: string | null;
                /** @description 1-based sequence step, as in sequences, previews and claims */
                step: number;
            })[];
            mailboxes: (components["schemas"]["CampaignCounts"] & {
                /** Format: uuid */
                mailboxId: string;
                email: string | null;
            })[];
        };
        CampaignCounts: {
            sent: number;
            /** @description Deferral and retry events (a send deferred twice counts twice) */
            deferred: number;
            failed: number;
            opened: {
                /** @description Every request recorded */
                human: number;
                /** @description Image proxies, link scanners, HEAD probes, requests within seconds of the send */
                machine: number;
                /** @description Distinct messages */
                uniqueHuman: number;
                uniqueMachine: number;
            };
            clicked: {
                /** @description Every request recorded */
                human: number;
                /** @description Image proxies, link scanners, HEAD probes, requests within seconds of the send */
                machine: number;
                /** @description Distinct messages */
                uniqueHuman: number;
                uniqueMachine: number;
            };
            /** @description Distinct messages replied to */
            replied: number;
            autoReplied: number;
            /** @description Hard bounces (distinct messages) */
            bounced: number;
            softBounced: number;
            unsubscribed: number;
            complained: number;
            /** @description Over sent; opens and clicks count human events on distinct messages */
            rates: {
                open: number;
                click: number;
                reply: number;
                bounce: number;
                unsubscribe: number;
            };
        };
        CampaignDailyStats: {
            /** Format: uuid */
            campaignId: string;
            timezone: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            days: (components["schemas"]["CampaignCounts"] & {
                /** Format: date */
                date: string;
                enrolled: number;
            })[];
        };
        CampaignActivity: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                at: string;
                /**
                 * @description What happened, as the stats count it: opens and clicks split human / machine, soft bounces apart from hard ones
                 * @enum {string}
                 */
                metric: "sent" | "failed" | "deferred" | "opened_human" | "opened_machine" | "clicked_human" | "clicked_machine" | "replied" | "auto_replied" | "bounced" | "bounced_soft" | "unsubscribed" | "complained";
                /** Format: uuid */
                leadId: string | null;
                leadEmail: string | null;
                /** @description 1-based sequence step, as in sequences, previews and claims */
                step: number | null;
                /** @description The mailbox that sent the message or received the reply */
                mailboxEmail: string | null;
            }[];
            nextCursor: string | null;
        };
        CampaignsOverview: {
            data: {
                /** Format: uuid */
                campaignId: string;
                /** @description Leads ever enrolled */
                enrolled: number;
                totals: components["schemas"]["CampaignCounts"];
            }[];
        };
        OrganizationStats: {
            /** @description The organization's; each campaign's days are its own calendar, as in its daily series */
            timezone: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            totals: components["schemas"]["CampaignCounts"] & {
                /** @description Threads a person labelled interested or meeting booked, on the day the lead first replied */
                positiveReplies: number;
            };
            days: (components["schemas"]["CampaignCounts"] & {
                /** Format: date */
                date: string;
                /** @description Threads a person labelled interested or meeting booked, on the day the lead first replied */
                positiveReplies: number;
            })[];
        };
        InboxWatchWork: {
            /**
             * Format: date-time
             * @description The control plane's clock: the watch dates its warm-up observations and bounds its windows by it
             */
            now: string;
            /** @description Every mailbox address of the organization: mail from them is never a reply */
            ourAddresses: string[];
            mailboxes: components["schemas"]["MailboxToWatch"][];
        };
        MailboxToWatch: {
            /** Format: uuid */
            mailboxId: string;
            provider: components["schemas"]["MailboxProvider"];
            email: string;
            /** @description Where the last accepted watch stopped, in the provider's terms (Gmail history id, IMAP `UIDVALIDITY:UID`, Graph delta link, sandbox inbox sequence); null before the first */
            cursor: string | null;
        };
        InboxWatchClaim: {
            /** Format: uuid */
            organizationId: string;
        };
        InboxWatchResultsOutcome: components["schemas"]["InboundEventsOutcome"] & {
            /** @description False when the request carried no cursor (not the last of its watch), or another watch moved the cursor since this one was claimed */
            cursorAdvanced: boolean;
            /** @description The mailbox's cursor after this call */
            cursor: string | null;
        };
        InboxWatchResults: {
            /** Format: uuid */
            mailboxId: string;
            /** @description The cursor the watch started from, as the claim handed it out */
            previousCursor: string | null;
            /** @description Where the watch stopped. A watch too large for one request is sent in several: every one but the last has cursor null (its events are recorded, the cursor stays) */
            cursor: string | null;
            events: ({
                eventId: string;
                /** @enum {string} */
                type: "replied" | "auto_replied" | "bounced" | "complained" | "unsubscribe_request";
                inReplyToMessageId?: string | null;
                threadId?: string | null;
                /** Format: email */
                leadEmail?: string | null;
                /** Format: uuid */
                mailboxId?: string | null;
                bounce?: {
                    /** @enum {string} */
                    kind: "hard" | "soft";
                    status?: string | null;
                    diagnostic?: string | null;
                } | null;
                /** Format: date-time */
                receivedAt: string;
                /** @description What the message says, for the unified inbox; sent with replies, auto-replies and unsubscribe requests */
                message?: {
                    from?: string | null;
                    to?: string | null;
                    subject?: string | null;
                    /** @description The inbound message's own Message-ID, which a reply from the inbox answers */
                    messageIdHeader?: string | null;
                    /** @description The plain-text body, as read (quoted history included) */
                    text?: string | null;
                } | null;
                /** @default {} */
                evidence: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            })[];
        };
        InboxThread: {
            /** Format: uuid */
            id: string;
            unread: boolean;
            label: components["schemas"]["InboxLabel"];
            /** @description The label is what an auto-reply suggested (out_of_office), not a person */
            labelSuggested: boolean;
            /** @description A label of the organization's own, instead of a built-in one (a thread has at most one label) */
            customLabel: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            subject: string | null;
            /** @description Start of the latest message, quoted history left out */
            snippet: string | null;
            /** Format: date-time */
            lastMessageAt: string;
            campaign: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            lead: {
                /** Format: uuid */
                id: string;
                email: string;
                firstName: string | null;
                lastName: string | null;
                company: string | null;
            };
            mailbox: {
                /** Format: uuid */
                id: string;
                email: string;
                provider: components["schemas"]["MailboxProvider"];
                displayName: string | null;
            };
            /** Format: date-time */
            createdAt: string;
        };
        /** @enum {string|null} */
        InboxLabel: "interested" | "not_interested" | "meeting_booked" | "out_of_office" | "wrong_person" | null;
        InboxThreadDetail: components["schemas"]["InboxThread"] & {
            /** @description Oldest first: our campaign messages, what the lead wrote and the replies from the inbox */
            messages: components["schemas"]["InboxMessage"][];
        };
        InboxMessage: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /**
             * @description campaign: a step of the sequence; inbox_reply: written in the inbox; the others: what the lead sent, as classified
             * @enum {string}
             */
            kind: "campaign" | "reply" | "auto_reply" | "unsubscribe_request" | "inbox_reply";
            /** @enum {string} */
            status: "received" | "queued" | "claimed" | "retrying" | "sent" | "failed";
            /** @description 1-based sequence step of a campaign message */
            step: number | null;
            from: string | null;
            to: string | null;
            subject: string | null;
            /** @description The plain-text body (what the lead wrote includes the quoted history) */
            bodyText: string | null;
            bodyHtml: string | null;
            messageIdHeader: string | null;
            /**
             * Format: date-time
             * @description When it was received or sent (queued replies: when they were written)
             */
            at: string;
            attempt: number;
            /** @description Why a reply has not gone out yet, or failed */
            lastError: string | null;
        };
        InboxThreadUpdate: {
            read?: boolean;
            /**
             * @description A built-in label (replaces the thread's label); null clears any label
             * @enum {string|null}
             */
            label?: "interested" | "not_interested" | "meeting_booked" | "out_of_office" | "wrong_person" | null;
            /**
             * Format: uuid
             * @description A label of the organization's own (replaces the thread's label); null clears any label
             */
            customLabelId?: string | null;
        };
        InboxReplyInput: {
            /** @description The plain-text body, as in a sequence variant */
            bodyText: string;
            /** @description An HTML alternative, as in a sequence variant */
            bodyHtml?: string;
        };
        InboxCustomLabel: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Threads with this label now */
            threads: number;
            /** Format: date-time */
            createdAt: string;
        };
        InboxCustomLabelInput: {
            /** @description Unique in the organization, ignoring case */
            name: string;
        };
        InboxSummary: {
            threads: number;
            unreadThreads: number;
            /**
             * Format: date-time
             * @description When a thread or a message of the inbox last changed (a new reply, a read state, a reply sent): a later one means read again
             */
            changedAt: string | null;
        };
        WebhookEndpointListItem: components["schemas"]["WebhookEndpoint"] & {
            /** @description The latest delivery attempt, whatever its event; null before the first */
            lastAttempt: {
                /** Format: date-time */
                attemptedAt: string;
                statusCode: number | null;
                /** @description The receiver answered 2xx */
                succeeded: boolean;
                error: string | null;
            } | null;
            /** @description Attempts that failed since the last one that succeeded (0 while active) */
            failedAttempts: number;
        };
        /** @enum {string} */
        WebhookEventType: "message.sent" | "message.bounced" | "message.failed" | "lead.replied" | "lead.auto_replied" | "lead.unsubscribed" | "lead.complained" | "lead.opened" | "lead.clicked" | "campaign.started" | "campaign.paused" | "campaign.completed" | "mailbox.paused" | "mailbox.needs_reauth" | "inbox.thread_labelled" | "import.completed";
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            /** Format: uuid */
            campaignId: string | null;
            enabled: boolean;
            /**
             * @description failing: every attempt since failingSince failed; a day of it disables
             * @enum {string}
             */
            status: "active" | "failing" | "disabled";
            /** @description What needs attention, in words (why it was disabled, since when it fails) */
            warning: string | null;
            /** Format: date-time */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description During a rotation: until when the previous secret still signs
             */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointWithSecret: components["schemas"]["WebhookEndpoint"] & {
            /** @description The signing secret (whsec_…), shown this once */
            secret: string;
        };
        WebhookTestSent: {
            /**
             * Format: uuid
             * @description The test delivery, in the delivery log
             */
            deliveryId: string;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The webhook-id header: the same on every attempt and redelivery
             */
            webhookId: string;
            /** @description webhook.test: a test an admin sent */
            eventType: components["schemas"]["WebhookEventType"] | "webhook.test";
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
            log: components["schemas"]["WebhookAttempt"][];
        };
        WebhookAttempt: {
            attempt: number;
            /** Format: date-time */
            attemptedAt: string;
            statusCode: number | null;
            latencyMs: number;
            /** @description The start of the answer (1 KiB at most) */
            responseBody: string | null;
            error: string | null;
        };
        WebhookSettings: {
            /** @description Plain http for targets on your own network (loopback, private ranges); https otherwise */
            allowHttp: boolean;
        };
        Attention: {
            /** @description Mailboxes that cannot send until someone acts: paused, waiting to be connected again, or failing */
            mailboxes: {
                /** Format: uuid */
                mailboxId: string;
                email: string;
                /** @enum {string} */
                status: "paused" | "needs_reauth" | "error";
                /** @description Why it stopped, as the mailbox records it, or what to do */
                reason: string;
            }[];
            /** @description Workflows edited in n8n since we deployed them (drifted) or that failed to deploy */
            deployments: {
                /** Format: uuid */
                deploymentId: string;
                /** Format: uuid */
                campaignId: string | null;
                /** @description The campaign's name, or the organization-wide workflow's template */
                name: string;
                /** @enum {string} */
                status: "drifted" | "error";
                reason: string;
            }[];
            /** @description Active campaigns that cannot send anything */
            campaigns: {
                /** Format: uuid */
                campaignId: string;
                name: string;
                /** @description Why it sends nothing, each with what to do */
                reasons: string[];
            }[];
        };
        GettingStarted: {
            mailboxConnected: boolean;
            leadsImported: boolean;
            campaignCreated: boolean;
            /** @description A campaign has been started at least once */
            campaignStarted: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
