package io.aiopshub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form (Spring Security handles its POST) and the console's entry point. */
@Controller
public class LoginController {

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/incidents";
    }
}
