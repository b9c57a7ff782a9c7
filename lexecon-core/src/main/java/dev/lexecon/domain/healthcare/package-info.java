/**
 * The healthcare domain plugin: patient consent for protected health information, and a
 * responsible physician for treatment recommendations and prescriptions. See {@link
 * dev.lexecon.domain.healthcare.HealthcarePlugin}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.domain.healthcare;

import org.jspecify.annotations.NullMarked;
