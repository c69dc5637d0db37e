// The closed sets that authentication events draw their values from.

/// Whether a user works for the MSP or for one of its clients.
public enum UserType: String, PropertyEnumeration {
    case `internal`
    case client
}

/// How an account came to exist.
public enum RegistrationMethod: String, PropertyEnumeration {
    case selfService = "self_service"
    case invitation
    case adminCreated = "admin_created"
    case singleSignOn = "single_sign_on"
}

/// Who vouched for the user's identity.
public enum AuthenticationProvider: String, PropertyEnumeration {
    case credentials, google, keycloak
}

/// The factors a successful login used.
public enum LoginMethod: String, PropertyEnumeration {
    case password
    case passwordAndTOTP = "password_and_totp"
    case oauth
}

/// Why a login attempt failed.
public enum LoginFailureReason: String, PropertyEnumeration {
    case invalidPassword = "invalid_password"
    case inactiveAccount = "inactive_account"
    case unknownUser = "unknown_user"
    case invalidTwoFactorCode = "invalid_two_factor_code"
    case lockedOut = "locked_out"
    case oauthInactiveAccount = "oauth_inactive_account"
    case oauthInvalidToken = "oauth_invalid_token"
}
