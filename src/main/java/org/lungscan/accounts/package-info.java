/**
 * Doctors' accounts: sign-up, passwords, tokens and sign-in. Depends on platform and audit only.
 */
package org.lungscan.accounts;
